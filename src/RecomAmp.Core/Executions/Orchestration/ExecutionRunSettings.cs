namespace RecomAmp.Core.Executions.Orchestration;

/// <summary>
/// The settings an execution orchestration runs with. They travel in its input, so the orchestrator reads
/// no configuration and replays with the values it started with.
/// </summary>
public sealed record ExecutionRunSettings(
    TimeSpan PollInitialInterval,
    TimeSpan PollMaxInterval,
    double PollBackoffFactor,
    int TimeoutSeconds,
    int RetryMaxAttempts,
    TimeSpan RetryInitialInterval,
    TimeSpan RetryMaxInterval,
    int DownloadLinkAttempts)
{
    public static ExecutionRunSettings From(ExecutionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ExecutionRunSettings(
            options.PollInitialInterval,
            options.PollMaxInterval,
            options.PollBackoffFactor,
            options.TimeoutSeconds,
            options.RetryMaxAttempts,
            options.RetryInitialInterval,
            options.RetryMaxInterval,
            options.DownloadLinkAttempts);
    }
}
