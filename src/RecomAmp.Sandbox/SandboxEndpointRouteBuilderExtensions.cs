using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using RecomAmp.Sandbox.Amc;

namespace RecomAmp.Sandbox;

public static class SandboxEndpointRouteBuilderExtensions
{
    /// <summary>The path prefix the Sandbox is served under when a host does not choose another.</summary>
    public const string DefaultPrefix = "/sandbox";

    /// <summary>Maps the Sandbox's Amazon look-alike endpoints under <paramref name="prefix"/>.</summary>
    public static IEndpointRouteBuilder MapRecomAmpSandbox(
        this IEndpointRouteBuilder endpoints, string prefix = DefaultPrefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var sandbox = endpoints.MapGroup(prefix);
        sandbox.MapAmcEndpoints();
        return endpoints;
    }
}
