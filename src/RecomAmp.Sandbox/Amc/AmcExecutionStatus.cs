namespace RecomAmp.Sandbox.Amc;

/// <summary>AMC execution statuses, written in upper case with underscores as AMC does.</summary>
public enum AmcExecutionStatus
{
    Pending,
    Running,
    Succeeded,
    Failed,
    Cancelled,
    Rejected,
}
