namespace RecomAmp.Api.Tests.Executions;

/// <summary>An execution as the fake AMC keeps it.</summary>
public sealed class FakeAmcExecution(
    string id,
    string workflowId,
    string sql,
    string timeWindowStart,
    string timeWindowEnd,
    string timeZone,
    DateTimeOffset createTime)
{
    public string Id { get; } = id;

    public string WorkflowId { get; } = workflowId;

    public string Sql { get; } = sql;

    public string TimeWindowStart { get; } = timeWindowStart;

    public string TimeWindowEnd { get; } = timeWindowEnd;

    public string TimeZone { get; } = timeZone;

    public DateTimeOffset CreateTime { get; } = createTime;

    public string Status { get; set; } = "PENDING";

    public string? StatusReason { get; set; }

    public DateTimeOffset? StartTime { get; set; }

    public DateTimeOffset? EndTime { get; set; }

    public int Reads { get; set; }

    public bool Held { get; set; }

    public IReadOnlyList<string> Files { get; set; } = [];
}
