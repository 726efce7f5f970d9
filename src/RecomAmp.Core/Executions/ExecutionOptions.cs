namespace RecomAmp.Core.Executions;

/// <summary>How executions wait for AMC and retry (section <c>Executions</c>).</summary>
public sealed class ExecutionOptions
{
    public const string SectionName = "Executions";

    /// <summary>AMC's own default for <c>workflowExecutionTimeoutSeconds</c>.</summary>
    public const int AmcDefaultTimeoutSeconds = 21_600;

    /// <summary>The wait before the first status read after submission.</summary>
    public TimeSpan PollInitialInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The longest wait between two status reads.</summary>
    public TimeSpan PollMaxInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Each wait is the previous one times this, up to <see cref="PollMaxInterval"/>.</summary>
    public double PollBackoffFactor { get; set; } = 1.5;

    /// <summary>
    /// Sent to AMC as the execution's timeout; an execution still not finished this long after submission
    /// is cancelled and FAILED as timed out.
    /// </summary>
    public int TimeoutSeconds { get; set; } = AmcDefaultTimeoutSeconds;

    /// <summary>Attempts of an activity that fails transiently (AMC throttling or faults, storage).</summary>
    public int RetryMaxAttempts { get; set; } = 6;

    /// <summary>The wait before an activity's second attempt; it doubles for each further one.</summary>
    public TimeSpan RetryInitialInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two attempts of an activity.</summary>
    public TimeSpan RetryMaxInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many sets of download links are asked for when links expire during a download.</summary>
    public int DownloadLinkAttempts { get; set; } = 3;

    /// <summary>Whether every setting is in range; the host refuses to start otherwise.</summary>
    public bool IsValid() =>
        PollInitialInterval > TimeSpan.Zero
        && PollMaxInterval >= PollInitialInterval
        && PollBackoffFactor is >= 1 and <= 10
        && TimeoutSeconds is >= 1 and <= 7 * 86_400
        && RetryMaxAttempts is >= 1 and <= 100
        && RetryInitialInterval > TimeSpan.Zero
        && RetryMaxInterval >= RetryInitialInterval
        && DownloadLinkAttempts is >= 1 and <= 10;
}
