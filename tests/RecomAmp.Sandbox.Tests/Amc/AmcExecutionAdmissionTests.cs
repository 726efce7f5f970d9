using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace RecomAmp.Sandbox.Tests.Amc;

/// <summary>Executions held PENDING: the per-instance limit and cancellation.</summary>
public sealed class AmcExecutionAdmissionTests(AmcHeldSandboxHost host) : IClassFixture<AmcHeldSandboxHost>
{
    private static readonly object _adHoc = new
    {
        workflow = new
        {
            sqlQuery = "SELECT campaign, COUNT(DISTINCT user_id) AS reach FROM dsp_impressions GROUP BY 1",
        },
        timeWindowType = "MOST_RECENT_WEEK",
    };

    [Fact]
    public async Task CreateExecution_EleventhWhileTenArePending_Returns429WithRetryAfter()
    {
        using var client = host.Client();
        const string executions = "amc/reporting/amclimit001/workflowExecutions";
        var accepted = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await client.PostAsJsonAsync(executions, _adHoc);
            accepted.Add(response.StatusCode);
        }

        using var eleventh = await client.PostAsJsonAsync(executions, _adHoc);
        using var otherInstance = await client.PostAsJsonAsync("amc/reporting/amclimit002/workflowExecutions", _adHoc);

        Assert.All(accepted, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, eleventh.StatusCode);
        Assert.NotNull(eleventh.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, otherInstance.StatusCode);
    }

    [Fact]
    public async Task Cancel_PendingExecutionByPut_EndsCancelledAndFreesItsSlot()
    {
        using var client = host.Client();
        const string executions = "amc/reporting/amccancel01/workflowExecutions";
        using var created = await client.PostAsJsonAsync(executions, _adHoc);
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["workflowExecutionId"]!;

        using var cancelled = await client.PutAsJsonAsync($"{executions}/{id}", new { status = "CANCELLED" });
        using var again = await client.PutAsJsonAsync($"{executions}/{id}", new { status = "CANCELLED" });
        var read = await client.GetFromJsonAsync<JsonObject>($"{executions}/{id}");

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("CANCELLED", (string?)read!["status"]);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task Cancel_PendingExecutionByDelete_EndsCancelled()
    {
        using var client = host.Client();
        const string executions = "amc/reporting/amccancel02/workflowExecutions";
        using var created = await client.PostAsJsonAsync(executions, _adHoc);
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["workflowExecutionId"]!;

        using var deleted = await client.DeleteAsync(new Uri($"{executions}/{id}", UriKind.Relative));
        var read = await client.GetFromJsonAsync<JsonObject>($"{executions}/{id}");

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal("CANCELLED", (string?)read!["status"]);
    }

    [Fact]
    public async Task Cancel_WithAnotherStatus_Returns400()
    {
        using var client = host.Client();
        const string executions = "amc/reporting/amccancel03/workflowExecutions";
        using var created = await client.PostAsJsonAsync(executions, _adHoc);
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["workflowExecutionId"]!;

        using var response = await client.PutAsJsonAsync($"{executions}/{id}", new { status = "SUCCEEDED" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
