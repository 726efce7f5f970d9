using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RecomAmp.Core.Executions.Results;

namespace RecomAmp.Core.Executions;

public static class ExecutionsServiceCollectionExtensions
{
    /// <summary>
    /// Registers executions: options (section <c>Executions</c>), records, the result store (the local data
    /// folder), orchestration scheduling, recovery and <see cref="ExecutionService"/>. The orchestrator and
    /// activities are registered with the durable worker by <c>AddRecomAmpTasks</c>.
    /// </summary>
    public static IServiceCollection AddRecomAmpExecutions(
        this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ExecutionOptions>()
            .Bind(configuration.GetSection(ExecutionOptions.SectionName))
            .Validate(o => o.IsValid(),
                "Executions: poll and retry intervals must be positive with the maximum not below the "
                + "initial one, PollBackoffFactor 1 to 10, TimeoutSeconds 1 to 604800, RetryMaxAttempts "
                + "1 to 100, DownloadLinkAttempts 1 to 10")
            .ValidateOnStart();

        // Result files stay in the local data folder until a Blob Storage adapter of IResultStore exists.
        services.AddSingleton<IResultStore, LocalFolderResultStore>();
        services.AddSingleton<ExecutionRecords>();
        services.AddSingleton<ExecutionOrchestrations>();
        services.AddSingleton<ExecutionCleanup>();
        services.AddSingleton<ExecutionRecovery>();
        services.AddSingleton<ExecutionService>();
        return services;
    }
}
