namespace RecomAmp.Core.Workflows;

/// <summary>Filters and page of <see cref="WorkflowService.ListAsync"/>; all filters are ANDed.</summary>
/// <param name="InstanceId">Only workflows of this instance (our id).</param>
/// <param name="Search">Only workflows whose name or description contains this text, ignoring case.</param>
/// <param name="Tags">Only workflows with at least one of these tags (exact match).</param>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PageSize">Workflows per page, 1 to <see cref="MaxPageSize"/>.</param>
public sealed record WorkflowListQuery(
    string? InstanceId = null,
    string? Search = null,
    IReadOnlyList<string>? Tags = null,
    int Page = 1,
    int PageSize = WorkflowListQuery.DefaultPageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>The highest page number accepted, which keeps the offset of any page within range.</summary>
    public const int MaxPage = 1_000_000;

    public const int MaxSearchLength = 200;
}
