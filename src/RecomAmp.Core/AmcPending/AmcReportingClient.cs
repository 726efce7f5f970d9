using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using RecomAmp.Core.Auth;

namespace RecomAmp.Core.Amc;

// Temporary: an interim AMC reporting client with the shared contract's signatures, so that executions run
// end to end until the AMC client lands on main. It has no retries of its own (the execution activities
// retry), and it refreshes the access token once on a 401.

/// <summary>AMC's reporting API for one user's instance.</summary>
public sealed class AmcReportingClient(
    HttpClient httpClient,
    AmazonRefreshTokenStore refreshTokens,
    LwaClient lwa,
    PendingAmcAccessTokens accessTokens,
    IOptions<LwaOptions> lwaOptions,
    IOptions<PendingAmcOptions> amcOptions)
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<AmcInstanceInfo> GetInstanceAsync(AmcTarget target, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        var body = await SendAsync<JsonElement>(
            target, HttpMethod.Get, $"amc/instances/{Escape(target.AmcInstanceId)}", null, ct);
        return new AmcInstanceInfo(
            Text(body, "instanceId") ?? target.AmcInstanceId,
            Text(body, "instanceName"),
            Text(body, "creationStatus"),
            null);
    }

    public async Task UpsertWorkflowAsync(AmcTarget target, AmcSavedWorkflow workflow, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(workflow);
        var body = new
        {
            workflowId = workflow.WorkflowId,
            sqlQuery = workflow.SqlQuery,
            inputParameters = workflow.InputParameters.Select(p => new
            {
                name = p.Name,
                dataType = p.DataType,
                defaultValue = p.DefaultValue,
            }),
        };
        var path = $"amc/reporting/{Escape(target.AmcInstanceId)}/workflows";
        try
        {
            await SendAsync<JsonElement>(target, HttpMethod.Post, path, body, ct);
        }
        catch (AmcRequestException ex) when (ex.StatusCode == (int)HttpStatusCode.Conflict)
        {
            await SendAsync<JsonElement>(
                target, HttpMethod.Put, $"{path}/{Escape(workflow.WorkflowId)}", body, ct);
        }
    }

    public async Task DeleteWorkflowAsync(AmcTarget target, string workflowId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        try
        {
            await SendAsync<JsonElement>(
                target,
                HttpMethod.Delete,
                $"amc/reporting/{Escape(target.AmcInstanceId)}/workflows/{Escape(workflowId)}",
                null,
                ct);
        }
        catch (AmcRequestException ex) when (ex.StatusCode == (int)HttpStatusCode.NotFound)
        {
            // Already gone.
        }
    }

    public async Task<AmcExecution> CreateExecutionAsync(
        AmcTarget target, AmcExecutionRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(request);
        var body = new
        {
            workflowId = request.WorkflowId,
            timeWindowType = "EXPLICIT",
            timeWindowStart = request.TimeWindowStart,
            timeWindowEnd = request.TimeWindowEnd,
            timeWindowTimeZone = request.TimeWindowTimeZone,
            parameterValues = request.ParameterValues,
            disableAggregationControls = request.DisableAggregationControls,
            workflowExecutionTimeoutSeconds = request.TimeoutSeconds,
        };
        var path = $"amc/reporting/{Escape(target.AmcInstanceId)}/workflowExecutions";
        var answer = await SendAsync<JsonElement>(target, HttpMethod.Post, path, body, ct);
        return ReadExecution(answer);
    }

    public async Task<AmcExecution> GetExecutionAsync(
        AmcTarget target, string amcExecutionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        var answer = await SendAsync<JsonElement>(
            target,
            HttpMethod.Get,
            $"amc/reporting/{Escape(target.AmcInstanceId)}/workflowExecutions/{Escape(amcExecutionId)}",
            null,
            ct);
        return ReadExecution(answer);
    }

    public async Task<IReadOnlyList<AmcExecution>> ListExecutionsAsync(
        AmcTarget target, string workflowId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        var executions = new List<AmcExecution>();
        string? nextToken = null;
        do
        {
            var path = $"amc/reporting/{Escape(target.AmcInstanceId)}/workflowExecutions"
                + $"?workflowId={Escape(workflowId)}"
                + (nextToken is null ? string.Empty : "&nextToken=" + Escape(nextToken));
            var answer = await SendAsync<JsonElement>(target, HttpMethod.Get, path, null, ct);
            if (answer.TryGetProperty("executions", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                executions.AddRange(items.EnumerateArray().Select(ReadExecution));
            }

            nextToken = Text(answer, "nextToken");
        }
        while (!string.IsNullOrEmpty(nextToken));

        return executions;
    }

    public async Task CancelExecutionAsync(AmcTarget target, string amcExecutionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        await SendAsync<JsonElement>(
            target,
            HttpMethod.Put,
            $"amc/reporting/{Escape(target.AmcInstanceId)}/workflowExecutions/{Escape(amcExecutionId)}",
            new { status = "CANCELLED" },
            ct);
    }

    public async Task<IReadOnlyList<Uri>> GetDownloadUrlsAsync(
        AmcTarget target, string amcExecutionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        var answer = await SendAsync<JsonElement>(
            target,
            HttpMethod.Get,
            $"amc/reporting/{Escape(target.AmcInstanceId)}/workflowExecutions/{Escape(amcExecutionId)}"
            + "/downloadUrls",
            null,
            ct);
        return answer.TryGetProperty("downloadUrls", out var urls) && urls.ValueKind == JsonValueKind.Array
            ? [.. urls.EnumerateArray().Select(url => new Uri(url.GetString()!))]
            : [];
    }

    public async Task<Stream> OpenDownloadAsync(Uri url, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await httpClient.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new AmcUnavailableException("The AMC download could not be reached", ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return await response.Content.ReadAsStreamAsync(ct);
        }

        var status = (int)response.StatusCode;
        response.Dispose();
        throw status switch
        {
            403 or 410 => new AmcDownloadExpiredException("The AMC download link has expired"),
            429 or >= 500 => new AmcUnavailableException($"The AMC download answered {status}"),
            _ => new AmcRequestException(status, $"The AMC download answered {status}", null),
        };
    }

    private async Task<T> SendAsync<T>(
        AmcTarget target, HttpMethod method, string path, object? body, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var token = await accessTokens.GetAsync(target.UserId, refreshTokens, lwa, attempt > 1, ct);
            using var request = new HttpRequestMessage(method, new Uri(BaseUri(target), path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("Amazon-Advertising-API-ClientId", lwaOptions.Value.ClientId);
            request.Headers.Add("Amazon-Advertising-API-AdvertiserId", target.AdvertiserId);
            request.Headers.Add("Amazon-Advertising-API-MarketplaceId", target.MarketplaceId);
            if (body is not null)
            {
                request.Content = JsonContent.Create(body, options: _json);
            }

            HttpResponseMessage response;
            try
            {
                response = await httpClient.SendAsync(request, ct);
            }
            catch (HttpRequestException ex)
            {
                throw new AmcUnavailableException("AMC could not be reached", ex);
            }

            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(ct);
                if (response.IsSuccessStatusCode)
                {
                    return string.IsNullOrWhiteSpace(text)
                        ? default!
                        : JsonSerializer.Deserialize<T>(text, _json)!;
                }

                var status = (int)response.StatusCode;
                if (status == 401 && attempt == 1)
                {
                    continue;
                }

                var details = ReadDetails(text);
                if (status is 429 or >= 500)
                {
                    throw new AmcUnavailableException($"AMC answered {status}: {details}");
                }

                throw new AmcRequestException(status, details ?? $"AMC answered {status}", details);
            }
        }
    }

    private Uri BaseUri(AmcTarget target)
    {
        var configured = amcOptions.Value.BaseUrl;
        var host = !string.IsNullOrWhiteSpace(configured)
            ? configured
            : target.Region switch
            {
                "eu-west-1" => "https://advertising-api-eu.amazon.com",
                "us-west-2" => "https://advertising-api-fe.amazon.com",
                _ => "https://advertising-api.amazon.com",
            };
        return new Uri(host.TrimEnd('/') + "/");
    }

    private static AmcExecution ReadExecution(JsonElement body) => new(
        Text(body, "workflowExecutionId") ?? string.Empty,
        Text(body, "workflowId") ?? string.Empty,
        Text(body, "status") ?? string.Empty,
        Text(body, "statusReason"),
        Text(body, "message"),
        Time(body, "createTime"),
        Time(body, "startTime"),
        Time(body, "endTime"),
        body.TryGetProperty("outputColumns", out var columns) && columns.ValueKind == JsonValueKind.Array
            ? [.. columns.EnumerateArray().Select(c => c.GetString() ?? string.Empty)]
            : null);

    private static string? ReadDetails(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return Text(document.RootElement, "details") ?? Text(document.RootElement, "message");
        }
        catch (JsonException)
        {
            return string.IsNullOrWhiteSpace(text) ? null : text;
        }
    }

    private static string? Text(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static DateTimeOffset? Time(JsonElement body, string name) =>
        Text(body, name) is { } text
            && DateTimeOffset.TryParse(
                text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;

    private static string Escape(string value) => Uri.EscapeDataString(value);
}
