using DurableTask.Core;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Logging;

namespace RecomAmp.DevHost.Durable;

/// <summary>
/// The package's in-memory orchestration service with a configurable work-item cap. Its dispatchers read the
/// cap through <see cref="IOrchestrationService"/>, and the package's properties are not virtual, so this
/// class implements the interface again to supply its own values; everything else is the package's.
/// </summary>
internal sealed class DevHostOrchestrationService(int maxConcurrentWorkItems, ILoggerFactory? loggerFactory)
    : InMemoryOrchestrationService(loggerFactory), IOrchestrationService
{
    public new int MaxConcurrentTaskOrchestrationWorkItems => maxConcurrentWorkItems;

    public new int MaxConcurrentTaskActivityWorkItems => maxConcurrentWorkItems;
}
