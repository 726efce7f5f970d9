using System.Text.Json;
using RecomAmp.Core.Common;
using RecomAmp.Core.Instances;
using RecomAmp.Core.Schedules;
using RecomAmp.Core.Tests.Workflows;
using RecomAmp.Core.Workflows;

namespace RecomAmp.Core.Tests.Schedules;

/// <summary>
/// Builds what schedules need: an instance and a workflow of a user, and schedule requests.
/// </summary>
internal static class ScheduleTestData
{
    public static async Task<Workflow> NewWorkflowAsync(
        ServiceTestHost host, string userId, string amcInstanceId)
    {
        var instance = await host.Instances.CreateAsync(
            userId, new CreateInstanceRequest(amcInstanceId, amcInstanceId), default);
        return await host.Workflows.CreateAsync(
            userId,
            new CreateWorkflowRequest(
                Name: "Daily reach",
                SqlQuery: "SELECT '{{start_date}}' AS s, '{{end_date}}' AS e",
                InstanceId: instance.Id),
            default);
    }

    public static CreateScheduleRequest Request(
        string workflowId,
        string cron = "0 9 * * *",
        string? timezone = "UTC",
        string parameters = """{"date_range": "yesterday"}""",
        bool? isActive = null,
        int? dataLagDays = null) =>
        new(
            Name: "Daily report",
            WorkflowId: workflowId,
            CronExpression: cron,
            Timezone: timezone,
            Parameters: Parameters(parameters),
            IsActive: isActive,
            DataLagDays: dataLagDays);

    public static Dictionary<string, JsonElement> Parameters(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json, RecomAmpJson.Options)!;

    /// <summary>A record as stored JSON, to compare records that hold collections.</summary>
    public static string Json(object value) => JsonSerializer.Serialize(value, RecomAmpJson.Options);

    public static DateTimeOffset Utc(int year, int month, int day, int hour, int minute) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);
}
