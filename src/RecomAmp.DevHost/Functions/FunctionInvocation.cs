using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace RecomAmp.DevHost.Functions;

/// <summary>What one call of a function can bind its parameters from.</summary>
internal sealed class FunctionInvocation(
    DevHostFunctionContext context, HttpContext? httpContext, TimerInfo? timer)
{
    public DevHostFunctionContext Context => context;

    /// <summary>The request, for an HTTP function.</summary>
    public HttpContext? HttpContext => httpContext;

    /// <summary>The schedule status, for a timer function.</summary>
    public TimerInfo? Timer => timer;

    public IServiceProvider Services => context.InstanceServices;

    public CancellationToken CancellationToken => context.CancellationToken;
}
