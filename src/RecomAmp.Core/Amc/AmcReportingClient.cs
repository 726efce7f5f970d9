using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using RecomAmp.Core.Auth;

namespace RecomAmp.Core.Amc;

/// <summary>
/// RecomAmp's client of AMC's reporting API (a typed <see cref="HttpClient"/>): instances, saved workflows,
/// executions and their result files, on behalf of a user. Every call carries AMC's four headers; 429,
/// 5xx and transport failures are retried with back-off and jitter, honouring <c>Retry-After</c>; a 401
/// refreshes the user's access token once and repeats the call once. It talks to Amazon or to the Sandbox
/// alike; only <see cref="AmcOptions"/> differ.
/// </summary>
public sealed partial class AmcReportingClient(
    HttpClient httpClient,
    AmazonAccessTokenProvider accessTokens,
    IOptions<AmcOptions> options,
    IOptions<LwaOptions> lwaOptions,
    ILogger<AmcReportingClient> logger)
{
    public const string ClientIdHeader = "Amazon-Advertising-API-ClientId";
    public const string AdvertiserIdHeader = "Amazon-Advertising-API-AdvertiserId";
    public const string MarketplaceIdHeader = "Amazon-Advertising-API-MarketplaceId";

    /// <summary>Pages of executions one list call reads at most.</summary>
    private const int MaxListPages = 50;

    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>AMC's instance (<c>GET /amc/instances/{id}</c>): the cheapest proof of access.</summary>
    /// <exception cref="AmcRequestException">AMC refused: unknown instance (404), forbidden (403).
    /// </exception>
    /// <exception cref="AmcUnavailableException">AMC kept failing or could not be reached.</exception>
    /// <exception cref="Common.AuthenticationRequiredException">The user must sign in with Amazon again.
    /// </exception>
    public async Task<AmcInstanceInfo> GetInstanceAsync(AmcTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var path = "amc/instances/" + Escape(target.AmcInstanceId);
        var body = await ReadAsync<InstanceBody>(
            target, AmcOperation.GetInstance, () => new HttpRequestMessage(HttpMethod.Get, Url(target, path)),
            cancellationToken);
        return new AmcInstanceInfo(
            string.IsNullOrEmpty(body.InstanceId) ? target.AmcInstanceId : body.InstanceId,
            body.InstanceName,
            body.CreationStatus,
            DataFreshness: null);
    }

    /// <summary>
    /// Saves the workflow under its id: replaces it when AMC has it (PUT), creates it otherwise (POST).
    /// </summary>
    /// <exception cref="AmcRequestException">AMC refused, e.g. 400 with the compile error.</exception>
    /// <exception cref="AmcUnavailableException">AMC kept failing or could not be reached.</exception>
    public async Task UpsertWorkflowAsync(
        AmcTarget target, AmcSavedWorkflow workflow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(workflow);
        var body = WorkflowBody.From(workflow);
        var collection = WorkflowsPath(target);
        var one = collection + "/" + Escape(workflow.WorkflowId);

        // Replacing first costs one call for the usual case, a workflow saved before; AMC answers 404 for
        // one it does not have. A create that loses a race to another create replaces instead.
        var replaced = await TrySendAsync(
            target, AmcOperation.UpdateWorkflow, () => JsonRequest(HttpMethod.Put, Url(target, one), body),
            HttpStatusCode.NotFound, cancellationToken);
        if (replaced)
        {
            return;
        }

        var created = await TrySendAsync(
            target,
            AmcOperation.CreateWorkflow,
            () => JsonRequest(HttpMethod.Post, Url(target, collection), body),
            HttpStatusCode.Conflict, cancellationToken);
        if (!created)
        {
            await TrySendAsync(
                target,
                AmcOperation.UpdateWorkflow,
                () => JsonRequest(HttpMethod.Put, Url(target, one), body),
                expectedFailure: null,
                cancellationToken);
        }
    }

    /// <summary>Deletes a saved workflow; one AMC does not have counts as deleted.</summary>
    /// <exception cref="AmcRequestException">AMC refused, e.g. an AMC schedule uses the workflow.</exception>
    /// <exception cref="AmcUnavailableException">AMC kept failing or could not be reached.</exception>
    public async Task DeleteWorkflowAsync(
        AmcTarget target, string workflowId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrEmpty(workflowId);
        var path = WorkflowsPath(target) + "/" + Escape(workflowId);
        await TrySendAsync(
            target,
            AmcOperation.DeleteWorkflow,
            () => new HttpRequestMessage(HttpMethod.Delete, Url(target, path)),
            HttpStatusCode.NotFound,
            cancellationToken);
    }

    /// <summary>Starts a run of a saved workflow over an explicit window; AMC answers PENDING.</summary>
    /// <remarks>
    /// The create is not idempotent, so a transport failure after the request may have reached AMC is not
    /// retried (it would start a second run); the caller sees <see cref="AmcUnavailableException"/>.
    /// </remarks>
    /// <exception cref="AmcRequestException">AMC refused, e.g. 400 for a compile error.</exception>
    /// <exception cref="AmcUnavailableException">AMC kept answering 429 (too many runs) or 5xx.
    /// </exception>
    public async Task<AmcExecution> CreateExecutionAsync(
        AmcTarget target, AmcExecutionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(request);
        var body = new ExecutionCreateBody(
            request.WorkflowId,
            "EXPLICIT",
            request.TimeWindowStart,
            request.TimeWindowEnd,
            request.TimeWindowTimeZone,
            request.ParameterValues ?? new Dictionary<string, JsonElement>(),
            request.DisableAggregationControls,
            request.TimeoutSeconds);
        var url = Url(target, ExecutionsPath(target));
        var execution = await ReadAsync<ExecutionBody>(
            target,
            AmcOperation.CreateExecution,
            () =>
            {
                var message = JsonRequest(HttpMethod.Post, url, body);
                message.Options.Set(AmcResilience.NotIdempotent, true);
                return message;
            },
            cancellationToken);
        return execution.ToExecution();
    }

    /// <summary>An execution's current state.</summary>
    /// <exception cref="AmcRequestException">AMC refused, e.g. 404 for an unknown execution.</exception>
    /// <exception cref="AmcUnavailableException">AMC kept failing or could not be reached.</exception>
    public async Task<AmcExecution> GetExecutionAsync(
        AmcTarget target, string amcExecutionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrEmpty(amcExecutionId);
        var url = Url(target, ExecutionsPath(target) + "/" + Escape(amcExecutionId));
        var execution = await ReadAsync<ExecutionBody>(
            target,
            AmcOperation.GetExecution,
            () => new HttpRequestMessage(HttpMethod.Get, url),
            cancellationToken);
        return execution.ToExecution();
    }

    /// <summary>The executions of a workflow that AMC lists, all pages.</summary>
    /// <exception cref="AmcRequestException">AMC refused.</exception>
    /// <exception cref="AmcUnavailableException">AMC kept failing, or kept sending pages.</exception>
    public async Task<IReadOnlyList<AmcExecution>> ListExecutionsAsync(
        AmcTarget target, string workflowId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrEmpty(workflowId);
        var executions = new List<AmcExecution>();
        string? nextToken = null;
        for (var page = 0; page < MaxListPages; page++)
        {
            var query = "?workflowId=" + Uri.EscapeDataString(workflowId)
                + (nextToken is null ? string.Empty : "&nextToken=" + Uri.EscapeDataString(nextToken));
            var url = Url(target, ExecutionsPath(target) + query);
            var body = await ReadAsync<ExecutionListBody>(
                target, AmcOperation.ListExecutions, () => new HttpRequestMessage(HttpMethod.Get, url),
                cancellationToken);
            executions.AddRange((body.Executions ?? []).Select(e => e.ToExecution()));
            nextToken = string.IsNullOrEmpty(body.NextToken) ? null : body.NextToken;
            if (nextToken is null)
            {
                return executions;
            }
        }

        throw new AmcUnavailableException($"AMC listed more than {MaxListPages} pages of executions");
    }

    /// <summary>Asks AMC to cancel an execution (<c>PUT {"status": "CANCELLED"}</c>).</summary>
    /// <exception cref="AmcRequestException">AMC refused, e.g. 400 when it already ended.</exception>
    /// <exception cref="AmcUnavailableException">AMC kept failing or could not be reached.</exception>
    public async Task CancelExecutionAsync(
        AmcTarget target, string amcExecutionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrEmpty(amcExecutionId);
        var url = Url(target, ExecutionsPath(target) + "/" + Escape(amcExecutionId));
        await TrySendAsync(
            target, AmcOperation.CancelExecution,
            () => JsonRequest(HttpMethod.Put, url, new StatusBody("CANCELLED")),
            expectedFailure: null, cancellationToken);
    }

    /// <summary>
    /// The pre-signed links of a succeeded execution's result files (one result may span several CSV files).
    /// They expire after about ten minutes: download at once.
    /// </summary>
    /// <exception cref="AmcRequestException">AMC refused, e.g. 400 when the run did not succeed.</exception>
    /// <exception cref="AmcUnavailableException">AMC kept failing, or sent a link that is no URL.</exception>
    public async Task<IReadOnlyList<Uri>> GetDownloadUrlsAsync(
        AmcTarget target, string amcExecutionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrEmpty(amcExecutionId);
        var url = Url(target, ExecutionsPath(target) + "/" + Escape(amcExecutionId) + "/downloadUrls");
        var body = await ReadAsync<DownloadUrlsBody>(
            target, AmcOperation.GetDownloadUrls, () => new HttpRequestMessage(HttpMethod.Get, url),
            cancellationToken);

        var links = new List<Uri>();
        foreach (var link in body.DownloadUrls ?? [])
        {
            if (!Uri.TryCreate(link, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                LogUnreadableAnswer(logger, AmcOperation.GetDownloadUrls, 200);
                throw new AmcUnavailableException("AMC sent a download link that is not a URL");
            }

            links.Add(uri);
        }

        return links;
    }

    /// <summary>
    /// Opens a result file for reading as it arrives. The link is pre-signed, so no AMC headers or tokens go
    /// with it. Dispose the stream when done.
    /// </summary>
    /// <exception cref="AmcDownloadExpiredException">The link expired (403, 410): ask for new links.
    /// </exception>
    /// <exception cref="AmcRequestException">The link was refused otherwise, e.g. 404.</exception>
    /// <exception cref="AmcUnavailableException">The file store kept failing or was unreachable.</exception>
    public async Task<Stream> OpenDownloadAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Options.Set(AmcResilience.Operation, AmcOperation.Download);
        var response = await SendOnceAsync(request, AmcOperation.Download, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return await response.Content.ReadAsStreamAsync(cancellationToken);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            LogRefused(logger, AmcOperation.Download, status, null);
            if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Gone)
            {
                throw new AmcDownloadExpiredException();
            }

            if (IsUnavailable(response.StatusCode))
            {
                throw new AmcUnavailableException(
                    $"AMC's result file store failed (HTTP {status}); try again later", status);
            }

            throw new AmcRequestException(
                status, $"AMC's result file store refused the link (HTTP {status})");
        }
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static string WorkflowsPath(AmcTarget target) =>
        "amc/reporting/" + Escape(target.AmcInstanceId) + "/workflows";

    private static string ExecutionsPath(AmcTarget target) =>
        "amc/reporting/" + Escape(target.AmcInstanceId) + "/workflowExecutions";

    private static bool IsUnavailable(HttpStatusCode status) =>
        status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static HttpRequestMessage JsonRequest(HttpMethod method, Uri url, object body) =>
        new(method, url) { Content = JsonContent.Create(body, body.GetType(), options: _json) };

    private Uri Url(AmcTarget target, string relative) =>
        new(options.Value.ResolveBaseUrl(target.Region), relative);

    private async Task<T> ReadAsync<T>(
        AmcTarget target, string operation, Func<HttpRequestMessage> createRequest,
        CancellationToken cancellationToken)
        where T : class
    {
        using var response = await SendAsync(target, operation, createRequest, cancellationToken);
        await ThrowIfFailedAsync(response, operation, cancellationToken);
        try
        {
            var body = await response.Content.ReadFromJsonAsync<T>(_json, cancellationToken);
            if (body is not null)
            {
                return body;
            }
        }
        catch (JsonException)
        {
            // Reported below like an empty answer.
        }

        LogUnreadableAnswer(logger, operation, (int)response.StatusCode);
        throw new AmcUnavailableException("AMC sent an answer RecomAmp cannot read");
    }

    /// <summary>Sends; false when AMC answered <paramref name="expectedFailure"/> (not an error).</summary>
    private async Task<bool> TrySendAsync(
        AmcTarget target, string operation, Func<HttpRequestMessage> createRequest,
        HttpStatusCode? expectedFailure, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(target, operation, createRequest, cancellationToken);
        if (response.StatusCode == expectedFailure)
        {
            return false;
        }

        await ThrowIfFailedAsync(response, operation, cancellationToken);
        return true;
    }

    /// <summary>Sends with the user's token; on 401 refreshes it once and sends once more.</summary>
    private async Task<HttpResponseMessage> SendAsync(
        AmcTarget target, string operation, Func<HttpRequestMessage> createRequest,
        CancellationToken cancellationToken)
    {
        var token = await accessTokens.GetAccessTokenAsync(target.UserId, cancellationToken);
        var response = await SendOnceAsync(Authorize(createRequest(), target, token, operation), operation,
            cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        LogTokenRejected(logger, operation, target.UserId);
        token = await accessTokens.RefreshAfterRejectionAsync(target.UserId, token, cancellationToken);
        return await SendOnceAsync(Authorize(createRequest(), target, token, operation), operation,
            cancellationToken);
    }

    private HttpRequestMessage Authorize(
        HttpRequestMessage request, AmcTarget target, string accessToken, string operation)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.TryAddWithoutValidation(ClientIdHeader, lwaOptions.Value.ClientId);
        request.Headers.TryAddWithoutValidation(AdvertiserIdHeader, target.AdvertiserId);
        request.Headers.TryAddWithoutValidation(MarketplaceIdHeader, target.MarketplaceId);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Options.Set(AmcResilience.Operation, operation);
        return request;
    }

    /// <summary>One trip through the retry pipeline; transport failures become AMC unavailable.</summary>
    private async Task<HttpResponseMessage> SendOnceAsync(
        HttpRequestMessage request, string operation, CancellationToken cancellationToken)
    {
        using (request)
        {
            try
            {
                return await httpClient.SendAsync(
                    request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                LogUnreachable(logger, ex, operation);
                throw new AmcUnavailableException("AMC could not be reached; try again later", ex);
            }
            catch (TimeoutRejectedException ex)
            {
                LogUnreachable(logger, ex, operation);
                throw new AmcUnavailableException("AMC did not answer in time; try again later", ex);
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogUnreachable(logger, ex, operation);
                throw new AmcUnavailableException("AMC did not answer in time; try again later", ex);
            }
        }
    }

    private async Task ThrowIfFailedAsync(
        HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var status = (int)response.StatusCode;
        var error = await ReadErrorAsync(response, cancellationToken);
        if (IsUnavailable(response.StatusCode))
        {
            LogGaveUp(logger, operation, status);
            var said = error.Text is null ? string.Empty : ": " + error.Text;
            throw new AmcUnavailableException(
                $"AMC is unavailable (HTTP {status}{said}); try again later", status);
        }

        LogRefused(logger, operation, status, error.Code);
        var message = error.Text ?? $"AMC refused the request (HTTP {status})";
        throw new AmcRequestException(status, message, error.Details, error.Code);
    }

    private static async Task<AmcError> ReadErrorAsync(
        HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string content;
        try
        {
            content = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException)
        {
            return new AmcError(null, null, null);
        }

        try
        {
            var body = JsonSerializer.Deserialize<ErrorBody>(content, _json);
            var code = body?.Code is { ValueKind: JsonValueKind.String or JsonValueKind.Number } element
                ? element.ToString()
                : null;
            var details = Blank(body?.Details);
            return new AmcError(Blank(body?.Message) ?? details, details, code);
        }
        catch (JsonException)
        {
            // Gateways answer with HTML or text; a short one is still worth showing.
            var text = content.Trim();
            return new AmcError(text.Length is > 0 and <= 500 ? text : null, null, null);
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateTimeOffset? ParseTime(string? value) =>
        DateTimeOffset.TryParse(
            value,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var time)
            ? time
            : null;

    [LoggerMessage(EventId = 5110, Level = LogLevel.Information,
        Message = "AMC {Operation}: the access token of user {UserId} was rejected; refreshing it once")]
    private static partial void LogTokenRejected(ILogger logger, string operation, string userId);

    [LoggerMessage(EventId = 5111, Level = LogLevel.Information,
        Message = "AMC {Operation}: refused with HTTP {Status} {Code}")]
    private static partial void LogRefused(ILogger logger, string operation, int status, string? code);

    [LoggerMessage(EventId = 5112, Level = LogLevel.Warning,
        Message = "AMC {Operation}: still HTTP {Status} after the retries; giving up")]
    private static partial void LogGaveUp(ILogger logger, string operation, int status);

    [LoggerMessage(EventId = 5113, Level = LogLevel.Warning, Message = "AMC {Operation}: unreachable")]
    private static partial void LogUnreachable(ILogger logger, Exception exception, string operation);

    [LoggerMessage(EventId = 5114, Level = LogLevel.Warning,
        Message = "AMC {Operation}: HTTP {Status} answer could not be read")]
    private static partial void LogUnreadableAnswer(ILogger logger, string operation, int status);

    private sealed record AmcError(string? Text, string? Details, string? Code);

    private sealed record ErrorBody(JsonElement? Code, string? Details, string? Message);

    private sealed record InstanceBody(string? InstanceId, string? InstanceName, string? CreationStatus);

    private sealed record StatusBody(string Status);

    private sealed record DownloadUrlsBody(List<string>? DownloadUrls);

    private sealed record ExecutionListBody(List<ExecutionBody>? Executions, string? NextToken);

    private sealed record ExecutionCreateBody(
        string WorkflowId,
        string TimeWindowType,
        string TimeWindowStart,
        string TimeWindowEnd,
        string TimeWindowTimeZone,
        IReadOnlyDictionary<string, JsonElement> ParameterValues,
        bool DisableAggregationControls,
        int? WorkflowExecutionTimeoutSeconds);

    private sealed record ExecutionBody(
        string? WorkflowExecutionId,
        string? WorkflowId,
        string? Status,
        string? StatusReason,
        string? Message,
        string? Details,
        string? CreateTime,
        string? StartTime,
        string? EndTime,
        JsonElement? OutputColumns)
    {
        public AmcExecution ToExecution()
        {
            if (string.IsNullOrEmpty(WorkflowExecutionId) || string.IsNullOrEmpty(Status))
            {
                throw new AmcUnavailableException("AMC sent an execution without an id or a status");
            }

            return new AmcExecution(
                WorkflowExecutionId,
                WorkflowId ?? string.Empty,
                Status,
                Blank(StatusReason),
                Blank(Message) ?? Blank(Details),
                ParseTime(CreateTime),
                ParseTime(StartTime),
                ParseTime(EndTime),
                ColumnNames(OutputColumns));
        }

        /// <summary>Column names, whether AMC lists them as strings or as objects with a name.</summary>
        private static List<string>? ColumnNames(JsonElement? columns)
        {
            if (columns is not { ValueKind: JsonValueKind.Array } list)
            {
                return null;
            }

            var names = new List<string>();
            foreach (var column in list.EnumerateArray())
            {
                var name = column.ValueKind switch
                {
                    JsonValueKind.String => column.GetString(),
                    JsonValueKind.Object when column.TryGetProperty("name", out var n)
                        && n.ValueKind == JsonValueKind.String => n.GetString(),
                    _ => null,
                };
                if (!string.IsNullOrEmpty(name))
                {
                    names.Add(name);
                }
            }

            return names;
        }
    }

    private sealed partial record WorkflowBody(
        string WorkflowId, string SqlQuery, IReadOnlyList<ParameterBody> InputParameters)
    {
        public static WorkflowBody From(AmcSavedWorkflow workflow) => new(
            workflow.WorkflowId,
            workflow.SqlQuery,
            [.. workflow.InputParameters.Select(
                p => new ParameterBody(p.Name, DataType(p.DataType), p.DefaultValue))]);

        /// <summary>
        /// AMC's dataType: a name, or <c>{"type": "ARRAY", "elementDataType": ...}</c> for a list.
        /// </summary>
        private static object DataType(string dataType)
        {
            var array = ArrayType().Match(dataType);
            return array.Success
                ? new ArrayDataType("ARRAY", array.Groups[1].Value.ToUpperInvariant())
                : dataType;
        }

        [GeneratedRegex(
            @"^\s*ARRAY\s*<\s*([A-Za-z_]+)\s*>\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
        private static partial Regex ArrayType();
    }

    private sealed record ParameterBody(string Name, object DataType, JsonElement? DefaultValue);

    private sealed record ArrayDataType(string Type, string ElementDataType);
}
