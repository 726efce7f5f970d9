using Microsoft.Extensions.Logging;
using RecomAmp.Core.Amc;
using RecomAmp.Core.Common;

namespace RecomAmp.Core.Instances;

/// <summary>
/// Tests that AMC answers for one of the user's instances with the user's Amazon authorization (by reading
/// the instance from AMC), and records the outcome as the instance's health.
/// </summary>
public sealed partial class InstanceConnectionTester(
    InstanceService instances,
    AmcReportingClient amc,
    TimeProvider timeProvider,
    ILogger<InstanceConnectionTester> logger)
{
    /// <summary>Runs the test and stores HEALTHY or UNHEALTHY with the time of the test.</summary>
    /// <exception cref="ResourceNotFoundException">No such instance for this user.</exception>
    /// <exception cref="RuleViolationException">422: the instance has no <c>amc_account_id</c>.</exception>
    public async Task<ConnectionTestResponse> TestAsync(
        string userId, string instanceId, CancellationToken cancellationToken)
    {
        var target = await instances.GetAmcTargetAsync(userId, instanceId, cancellationToken);

        var started = timeProvider.GetTimestamp();
        AmcInstanceInfo? info = null;
        Exception? failure = null;
        string? error = null;
        try
        {
            info = await amc.GetInstanceAsync(target, cancellationToken);
        }
        catch (AmcRequestException ex)
        {
            (failure, error) = (ex, $"AMC refused (HTTP {ex.StatusCode}): {ex.Message}");
        }
        catch (AmcUnavailableException ex)
        {
            (failure, error) = (ex, ex.Message);
        }
        catch (ApiException ex) when (ex is AuthenticationRequiredException or UpstreamServiceException)
        {
            // The user's Amazon authorization is missing or refused, or Login with Amazon is down: AMC
            // cannot be used, which is what the test finds out.
            (failure, error) = (ex, ex.Message);
        }

        var elapsed = timeProvider.GetElapsedTime(started);
        var testedAt = timeProvider.GetUtcNow();
        await instances.RecordConnectionTestAsync(
            userId, instanceId, info is not null, testedAt, cancellationToken);
        if (failure is not null)
        {
            LogFailed(logger, failure, instanceId, userId);
        }

        return new ConnectionTestResponse(
            Success: info is not null,
            ResponseTimeMs: (long)elapsed.TotalMilliseconds,
            AmcVersion: null,
            DataFreshness: info?.DataFreshness,
            InstanceName: info?.InstanceName,
            Error: error);
    }

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information,
        Message = "Connection test of instance {InstanceId} of user {UserId} failed")]
    private static partial void LogFailed(
        ILogger logger, Exception exception, string instanceId, string userId);
}
