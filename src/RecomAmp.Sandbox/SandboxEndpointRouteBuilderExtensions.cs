using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RecomAmp.Sandbox.Amc;
using RecomAmp.Sandbox.Lwa;

namespace RecomAmp.Sandbox;

public static class SandboxEndpointRouteBuilderExtensions
{
    /// <summary>The path prefix the Sandbox is served under when a host does not choose another.</summary>
    public const string DefaultPrefix = "/sandbox";

    /// <summary>
    /// Maps the Sandbox's Amazon look-alike endpoints under <paramref name="prefix"/>. Login with Amazon:
    /// <c>GET {prefix}/ap/oa</c>, <c>POST {prefix}/auth/o2/token</c>, <c>GET {prefix}/user/profile</c>.
    /// AMC reporting: <c>{prefix}/amc/...</c> (see <see cref="AmcEndpointRouteBuilderExtensions.MapAmcEndpoints"/>).
    /// </summary>
    public static IEndpointRouteBuilder MapRecomAmpSandbox(
        this IEndpointRouteBuilder endpoints, string prefix = DefaultPrefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var sandbox = endpoints.MapGroup(prefix).ExcludeFromDescription();
        sandbox.MapLwaSandbox();
        sandbox.MapAmcEndpoints();
        return endpoints;
    }
}
