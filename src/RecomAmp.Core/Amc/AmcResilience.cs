using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace RecomAmp.Core.Amc;

/// <summary>
/// The retry pipeline of <see cref="AmcReportingClient"/>: exponential back-off with jitter on 429, 5xx and
/// transport failures or attempt time-outs (for a request that must not reach AMC twice only on 429, 503 and
/// failures before it was sent), honouring <c>Retry-After</c> up to
/// <see cref="AmcOptions.MaxRetryDelay"/>; other 4xx answers are final. Each attempt is bounded by
/// <see cref="AmcOptions.AttemptTimeout"/>.
/// </summary>
internal static partial class AmcResilience
{
    public const string PipelineName = "amc";

    /// <summary>The call's name, for the retry log.</summary>
    public static readonly HttpRequestOptionsKey<string> Operation = new("RecomAmp.AmcOperation");

    /// <summary>
    /// Set on a request that must not reach AMC twice: it is retried only when it surely did not leave.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> NotIdempotent = new("RecomAmp.AmcNotIdempotent");

    public static void Configure(
        ResiliencePipelineBuilder<HttpResponseMessage> builder, IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<AmcOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<AmcReportingClient>();
        var timeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System;

        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context)),
                DelayGenerator = args => ValueTask.FromResult(
                    RetryAfter(args.Outcome.Result, options.MaxRetryDelay, timeProvider)),
                OnRetry = args =>
                {
                    LogRetrying(
                        logger,
                        Name(args.Context),
                        args.AttemptNumber + 1,
                        Reason(args.Outcome),
                        (long)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }

        builder.AddTimeout(options.AttemptTimeout);
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        var request = context.GetRequestMessage();
        var notIdempotent = request?.Options.TryGetValue(NotIdempotent, out var flag) == true && flag;
        if (outcome.Result is { } response)
        {
            // 429 and 503 say the request was not carried out. Another 5xx may come after AMC acted on it (a
            // gateway losing the answer), so a request that must not reach AMC twice is not sent again then.
            var status = response.StatusCode;
            return status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
                || ((int)status >= 500 && !notIdempotent);
        }

        return outcome.Exception switch
        {
            // These fail before anything is sent.
            HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError
                or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError } => true,
            HttpRequestException or TimeoutRejectedException => !notIdempotent,
            _ => false,
        };
    }

    /// <summary>The wait <c>Retry-After</c> asks for, capped; null leaves the back-off in charge.</summary>
    private static TimeSpan? RetryAfter(
        HttpResponseMessage? response, TimeSpan max, TimeProvider timeProvider)
    {
        var header = response?.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - timeProvider.GetUtcNow() : null);
        if (wait is not { } delay)
        {
            return null;
        }

        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > max ? max : delay;
    }

    private static string Name(ResilienceContext context) =>
        context.GetRequestMessage()?.Options.TryGetValue(Operation, out var name) == true ? name : "call";

    private static string Reason(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } response } => "HTTP " + (int)response.StatusCode,
        { Exception: HttpRequestException ex } => "transport error " + ex.HttpRequestError,
        { Exception: TimeoutRejectedException } => "attempt time-out",
        { Exception: { } ex } => ex.GetType().Name,
        _ => "unknown",
    };

    [LoggerMessage(EventId = 5120, Level = LogLevel.Warning,
        Message = "AMC {Operation}: attempt {Attempt} failed with {Reason}; retrying in {DelayMs} ms")]
    private static partial void LogRetrying(
        ILogger logger, string operation, int attempt, string reason, long delayMs);
}
