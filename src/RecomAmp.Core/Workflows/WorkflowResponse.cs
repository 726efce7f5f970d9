using System.Text.Json;
using RecomAmp.Core.Common;

namespace RecomAmp.Core.Workflows;

/// <summary>A workflow as the API returns it.</summary>
public sealed record WorkflowResponse(
    string Id,
    string Name,
    string? Description,
    string SqlQuery,
    string InstanceId,
    IReadOnlyDictionary<string, JsonElement> Parameters,
    IReadOnlyList<string> Tags,
    bool IsPublic,
    string? TemplateId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? LastExecutedAt)
{
    public static WorkflowResponse From(Workflow workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return new WorkflowResponse(
            workflow.Id,
            workflow.Name,
            workflow.Description,
            workflow.SqlQuery,
            workflow.InstanceId,
            workflow.Parameters,
            workflow.Tags,
            workflow.IsPublic,
            workflow.TemplateId,
            workflow.CreatedAt,
            workflow.UpdatedAt,
            workflow.LastExecutedAt);
    }

    /// <summary>A page of workflows in the API's shape, with the same pagination.</summary>
    public static PagedResponse<WorkflowResponse> Page(PagedResponse<Workflow> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new PagedResponse<WorkflowResponse>([.. page.Data.Select(From)], page.Pagination);
    }
}
