namespace RecomAmp.Api.Tests.Executions;

/// <summary>
/// Execution and AMC client settings that make tests quick: milliseconds between status reads and retries.
/// </summary>
internal static class ExecutionSettings
{
    public static void Fast(IDictionary<string, string?> settings)
    {
        settings["Executions:PollInitialInterval"] = "00:00:00.020";
        settings["Executions:PollMaxInterval"] = "00:00:00.100";
        settings["Executions:RetryInitialInterval"] = "00:00:00.020";
        settings["Executions:RetryMaxInterval"] = "00:00:00.100";
        settings["Executions:RetryMaxAttempts"] = "4";
        settings["Amc:RetryBaseDelay"] = "00:00:00.010";
        settings["Amc:MaxRetryDelay"] = "00:00:00.050";
    }
}
