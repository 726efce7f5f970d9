using Microsoft.DurableTask;
using RecomAmp.Core.Amc;
using RecomAmp.Core.Auth;
using RecomAmp.Core.Common;

namespace RecomAmp.Core.Executions.Orchestration;

/// <summary>
/// Which activity failures are worth retrying, and what an execution's error message says about a failure.
/// </summary>
public static class ExecutionFailures
{
    /// <summary>
    /// Failures that another attempt cannot cure: AMC refused the request (4xx), Amazon refused the user's
    /// authorization, or the request itself is invalid. Everything else (throttling, Amazon's faults,
    /// timeouts, storage conflicts) is retried by the activity retry policy.
    /// </summary>
    public static bool IsPermanent(TaskFailureDetails failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.IsCausedBy<AmcRequestException>()
            || failure.IsCausedBy<LwaException>()
            || failure.IsCausedBy<AuthenticationRequiredException>()
            || failure.IsCausedBy<RequestValidationException>()
            || failure.IsCausedBy<ResourceNotFoundException>()
            || failure.IsCausedBy<RuleViolationException>()
            || failure.IsCausedBy<ArgumentException>();
    }

    /// <summary>The retry policy of every activity of an execution.</summary>
    public static TaskOptions RetryOptions(ExecutionRunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var policy = new RetryPolicy(
            settings.RetryMaxAttempts,
            settings.RetryInitialInterval,
            backoffCoefficient: 2,
            maxRetryInterval: settings.RetryMaxInterval)
        {
            HandleFailure = failure => !IsPermanent(failure),
        };
        return TaskOptions.FromRetryPolicy(policy);
    }

    /// <summary>The error message an execution that failed this way records, for its owner to read.</summary>
    public static string Describe(TaskFailureDetails failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (failure.IsCausedBy<AmcRequestException>())
        {
            return failure.ErrorMessage;
        }

        if (failure.IsCausedBy<AmcUnavailableException>())
        {
            return "AMC did not answer after several attempts: " + failure.ErrorMessage;
        }

        if (failure.IsCausedBy<LwaException>() || failure.IsCausedBy<AuthenticationRequiredException>())
        {
            return "Amazon refused the authorization; sign in with Amazon again";
        }

        if (failure.IsCausedBy<RequestValidationException>())
        {
            return "The workflow's SQL could not be rendered with the parameters: " + failure.ErrorMessage;
        }

        return "The execution failed in RecomAmp after several attempts";
    }
}
