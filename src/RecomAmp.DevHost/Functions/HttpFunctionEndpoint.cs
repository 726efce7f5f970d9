using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RecomAmp.DevHost.Functions;

/// <summary>
/// One HTTP function as DevHost serves it: its route and verbs, and how a request becomes a call.
/// </summary>
public sealed class HttpFunctionEndpoint
{
    private readonly FunctionInvoker _invoker;
    private readonly DevHostFunctionDefinition _definition;

    internal HttpFunctionEndpoint(
        FunctionMethod function, string route, RoutePattern pattern, IReadOnlyList<string> methods)
    {
        Name = function.Name;
        Route = route;
        Pattern = pattern;
        Methods = methods;
        Method = function.Method;
        _definition = new DevHostFunctionDefinition(function);
        _invoker = FunctionInvoker.Create(function, pattern);
    }

    /// <summary>The function's name, <c>[Function("...")]</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// The route as the function declares it (its name when it declares none), without the prefix.
    /// </summary>
    public string Route { get; }

    /// <summary>The route DevHost maps: the route prefix from host.json, then <see cref="Route"/>.</summary>
    public RoutePattern Pattern { get; }

    /// <summary>The verbs, upper case; empty means every verb, as for a trigger that lists none.</summary>
    public IReadOnlyList<string> Methods { get; }

    /// <summary>The function's method.</summary>
    public MethodInfo Method { get; }

    internal IReadOnlyList<ParameterInfo> ConstructorParameters => _invoker.ConstructorParameters;

    /// <summary>Answers one request by calling the function and executing its action result.</summary>
    internal async Task InvokeAsync(HttpContext httpContext)
    {
        var bindingData = httpContext.Request.RouteValues
            .ToDictionary(v => v.Key, v => v.Value, StringComparer.OrdinalIgnoreCase);
        var context = new DevHostFunctionContext(
            _definition, httpContext.RequestServices, bindingData, httpContext.RequestAborted);
        context.Items[DevHostFunctionContext.HttpContextItemKey] = httpContext;
        var invocation = new FunctionInvocation(context, httpContext, timer: null);
        if (!_invoker.TryBindArguments(invocation, out var arguments))
        {
            // A route value that does not convert to its parameter's type (a non-GUID where a Guid is
            // expected) names nothing that can exist: answer as the router does for a path it does not know.
            httpContext.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        IActionResult? result;
        try
        {
            result = await _invoker.InvokeAsync(invocation, arguments);
        }
        catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            // The Functions host answers an unhandled failure with a bare 500; so does DevHost, and logs it.
            var logger = httpContext.RequestServices.GetRequiredService<ILogger<HttpFunctionEndpoint>>();
            DevHostLog.FunctionFailed(logger, ex, Name);
            if (!httpContext.Response.HasStarted)
            {
                httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }

            return;
        }

        if (result is not null)
        {
            var action = new ActionContext(httpContext, httpContext.GetRouteData(), new ActionDescriptor());
            await result.ExecuteResultAsync(action);
        }
        else if (!httpContext.Response.HasStarted)
        {
            httpContext.Response.StatusCode = StatusCodes.Status204NoContent;
        }
    }
}
