using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RecomAmp.Sandbox.Amc.Api;

namespace RecomAmp.Sandbox.Amc;

public static class AmcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the AMC reporting API under the Sandbox group with Amazon's paths (so a client's base URL is the
    /// Sandbox's): <c>/amc/accounts</c>, <c>/amc/instances[/{id}]</c>,
    /// <c>/amc/reporting/{instanceId}/workflows[/{workflowId}]</c>,
    /// <c>/amc/reporting/{instanceId}/workflowExecutions[/{id}[/downloadUrls]]</c>, the signed result links
    /// <c>/amc/downloads/...</c>, and the fault injection admin routes <c>/_admin/amc/faults...</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapAmcEndpoints(this IEndpointRouteBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        AmcApiHandlers Api(HttpContext http) => http.RequestServices.GetRequiredService<AmcApiHandlers>();

        group.MapGet("/amc/accounts", Handler((HttpContext http) => Api(http).ListAccounts(http)));
        group.MapGet("/amc/instances", Handler((HttpContext http) => Api(http).ListInstances(http)));
        group.MapGet("/amc/instances/{instanceId}", (HttpContext http, string instanceId) =>
            Api(http).GetInstance(http, instanceId));

        const string Workflows = "/amc/reporting/{instanceId}/workflows";
        group.MapPost(Workflows, (HttpContext http, string instanceId) => Api(http).CreateWorkflow(http, instanceId));
        group.MapGet(Workflows, (HttpContext http, string instanceId) => Api(http).ListWorkflows(http, instanceId));
        group.MapGet(Workflows + "/{workflowId}", (HttpContext http, string instanceId, string workflowId) =>
            Api(http).GetWorkflow(http, instanceId, workflowId));
        group.MapPut(Workflows + "/{workflowId}", (HttpContext http, string instanceId, string workflowId) =>
            Api(http).ReplaceWorkflow(http, instanceId, workflowId));
        group.MapDelete(Workflows + "/{workflowId}", (HttpContext http, string instanceId, string workflowId) =>
            Api(http).DeleteWorkflow(http, instanceId, workflowId));

        const string Executions = "/amc/reporting/{instanceId}/workflowExecutions";
        group.MapPost(Executions, (HttpContext http, string instanceId) => Api(http).CreateExecution(http, instanceId));
        group.MapGet(Executions, (HttpContext http, string instanceId) => Api(http).ListExecutions(http, instanceId));
        group.MapGet(Executions + "/{executionId}", (HttpContext http, string instanceId, string executionId) =>
            Api(http).GetExecution(http, instanceId, executionId));
        group.MapPut(Executions + "/{executionId}", (HttpContext http, string instanceId, string executionId) =>
            Api(http).UpdateExecution(http, instanceId, executionId));
        group.MapDelete(Executions + "/{executionId}", (HttpContext http, string instanceId, string executionId) =>
            Api(http).DeleteExecution(http, instanceId, executionId));
        group.MapGet(Executions + "/{executionId}/downloadUrls",
            (HttpContext http, string instanceId, string executionId) =>
                Api(http).GetDownloadUrls(http, instanceId, executionId));

        group.MapGet("/amc/downloads/{instanceId}/{executionId}/{fileName}",
            (HttpContext http, string instanceId, string executionId, string fileName) =>
                Api(http).Download(http, instanceId, executionId, fileName));

        group.MapPost("/_admin/amc/faults", Handler((HttpContext http) => Api(http).AddCallFault(http)));
        group.MapPost("/_admin/amc/faults/executions", Handler((HttpContext http) => Api(http).AddOutcomeFault(http)));
        group.MapPut("/_admin/amc/faults/download-links", Handler((HttpContext http) => Api(http).SetLinkFault(http)));
        group.MapDelete("/_admin/amc/faults", Handler((HttpContext http) => Api(http).ResetFaults(http)));
        return group;
    }

    /// <summary>Types a context-only handler so it maps as a route handler whose result is written.</summary>
    private static Delegate Handler(Func<HttpContext, Task<IResult>> handler) => handler;
}
