namespace RecomAmp.Core.Executions.Orchestration;

/// <summary>
/// The id of the saved AMC workflow made for one execution. It is derived from our execution id, so a
/// retried or replayed submission finds what an earlier attempt created instead of creating it again.
/// </summary>
public static class AmcWorkflowIds
{
    public const string Prefix = "recomamp-";

    public static string For(string executionId) => Prefix + executionId;
}
