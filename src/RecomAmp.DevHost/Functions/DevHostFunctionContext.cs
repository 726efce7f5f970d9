using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Azure.Functions.Worker;

namespace RecomAmp.DevHost.Functions;

/// <summary>
/// The <see cref="FunctionContext"/> of one call under DevHost: a fresh invocation id, the function's
/// definition, the call's services, and for HTTP calls the request's <c>HttpContext</c> under the key the
/// ASP.NET Core integration uses, so <c>context.GetHttpContext()</c> works as under the Functions host.
/// </summary>
/// <remarks>
/// Worker features that need the host's binding pipeline (<c>BindInputAsync</c>, invocation results, output
/// bindings) are absent: <see cref="Features"/> starts empty.
/// </remarks>
public sealed class DevHostFunctionContext : FunctionContext
{
    /// <summary>
    /// The <see cref="Items"/> key of the request's HttpContext, the same as the ASP.NET Core integration's.
    /// </summary>
    public const string HttpContextItemKey = "HttpRequestContext";

    private readonly CancellationToken _cancellationToken;

    public DevHostFunctionContext(
        FunctionDefinition definition,
        IServiceProvider services,
        IReadOnlyDictionary<string, object?> bindingData,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(services);
        FunctionDefinition = definition;
        InstanceServices = services;
        BindingContext = new DevHostBindingContext(bindingData);
        _cancellationToken = cancellationToken;
        var activity = Activity.Current;
        TraceContext = new DevHostTraceContext(
            activity?.Id ?? string.Empty, activity?.TraceStateString ?? string.Empty);
    }

    public override string InvocationId { get; } = Guid.NewGuid().ToString();

    public override string FunctionId => FunctionDefinition.Id;

    public override TraceContext TraceContext { get; }

    public override BindingContext BindingContext { get; }

    public override RetryContext RetryContext { get; } = new DevHostRetryContext();

    public override IServiceProvider InstanceServices { get; set; }

    public override FunctionDefinition FunctionDefinition { get; }

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features { get; } = new DevHostInvocationFeatures();

    public override CancellationToken CancellationToken => _cancellationToken;

    private sealed class DevHostBindingContext(IReadOnlyDictionary<string, object?> bindingData)
        : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData { get; } = bindingData;
    }

    private sealed class DevHostTraceContext(string traceParent, string traceState) : TraceContext
    {
        public override string TraceParent => traceParent;

        public override string TraceState => traceState;
    }

    /// <summary>DevHost calls a function once; it has no retry policies.</summary>
    private sealed class DevHostRetryContext : RetryContext
    {
        public override int RetryCount => 0;

        public override int MaxRetryCount => 0;
    }

    private sealed class DevHostInvocationFeatures : IInvocationFeatures
    {
        private readonly Dictionary<Type, object> _features = [];

        public T? Get<T>() => _features.TryGetValue(typeof(T), out var feature) ? (T)feature : default;

        public void Set<T>(T instance) =>
            _features[typeof(T)] = instance ?? throw new ArgumentNullException(nameof(instance));

        public IEnumerator<KeyValuePair<Type, object>> GetEnumerator() => _features.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
