namespace RecomAmp.Core.Executions.Orchestration;

/// <summary>The execution statuses AMC reports, and which of them end an execution.</summary>
public static class AmcStatuses
{
    public const string Pending = "PENDING";
    public const string Running = "RUNNING";
    public const string Publishing = "PUBLISHING";
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
    public const string Cancelled = "CANCELLED";
    public const string Rejected = "REJECTED";

    /// <summary>SUCCEEDED, FAILED, CANCELLED or REJECTED: AMC will not change it again.</summary>
    public static bool IsTerminal(string? status) => status is Succeeded or Failed or Cancelled or Rejected;

    /// <summary>PENDING, RUNNING or PUBLISHING: AMC is still working on it.</summary>
    public static bool IsInProgress(string? status) => status is Pending or Running or Publishing;
}
