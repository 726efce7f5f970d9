using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RecomAmp.DevHost.Functions;

/// <summary>
/// Runs each timer function on its schedule, one call at a time per function, each call in its own service
/// scope. A failing call is logged and the schedule goes on. An occurrence missed while a call was still
/// running is run once, late, with <see cref="TimerInfo.IsPastDue"/> set; the ones before it are skipped, as
/// the Functions host does.
/// </summary>
/// <remarks>
/// Schedules follow the wall clock (<see cref="TimeProvider.System"/>), like the Functions host, whatever
/// clock the product's services are given. Nothing is remembered across restarts: a run missed while DevHost
/// was stopped is not made up, where the Functions host's schedule monitor would run it past due.
/// </remarks>
internal sealed class TimerFunctionScheduler(
    TimerFunctionCatalog catalog, IServiceScopeFactory scopes, ILogger<TimerFunctionScheduler> logger)
    : BackgroundService
{
    /// <summary>How late a call may start before it counts as past due.</summary>
    private static readonly TimeSpan _pastDueTolerance = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Task.Delay cannot wait longer than about 49 days; far occurrences are waited for in steps.
    /// </summary>
    private static readonly TimeSpan _longestWait = TimeSpan.FromDays(1);

    private readonly TimeProvider _clock = TimeProvider.System;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(catalog.Functions.Select(function => RunScheduleAsync(function, stoppingToken)));

    private async Task RunScheduleAsync(TimerFunction function, CancellationToken stoppingToken)
    {
        var zone = catalog.TimeZone;
        var due = function.NextOccurrence(_clock.GetUtcNow(), zone);
        DevHostLog.TimerScheduled(logger, function.Name, function.Schedule, due);
        DateTimeOffset? last = null;
        try
        {
            if (function.RunOnStartup)
            {
                await InvokeAsync(function, last, due, isPastDue: false, stoppingToken);
            }

            while (due is { } occurrence)
            {
                await WaitUntilAsync(occurrence, stoppingToken);
                var following = function.NextOccurrence(occurrence, zone);
                var isPastDue = _clock.GetUtcNow() - occurrence > _pastDueTolerance;
                await InvokeAsync(function, last, following, isPastDue, stoppingToken);
                last = occurrence;

                var now = _clock.GetUtcNow();
                due = following;
                while (due is { } candidate
                    && function.NextOccurrence(candidate, zone) is { } after
                    && after <= now)
                {
                    due = after;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // DevHost is stopping.
        }
    }

    private async Task WaitUntilAsync(DateTimeOffset occurrence, CancellationToken stoppingToken)
    {
        var wait = occurrence - _clock.GetUtcNow();
        while (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait < _longestWait ? wait : _longestWait, _clock, stoppingToken);
            wait = occurrence - _clock.GetUtcNow();
        }
    }

    private async Task InvokeAsync(
        TimerFunction function,
        DateTimeOffset? last,
        DateTimeOffset? next,
        bool isPastDue,
        CancellationToken stoppingToken)
    {
        var timer = new TimerInfo
        {
            IsPastDue = isPastDue,
            ScheduleStatus = new ScheduleStatus
            {
                Last = last?.UtcDateTime ?? default,
                Next = next?.UtcDateTime ?? default,
                LastUpdated = _clock.GetUtcNow().UtcDateTime,
            },
        };
        await using var scope = scopes.CreateAsyncScope();
        var context = new DevHostFunctionContext(
            function.Definition, scope.ServiceProvider, new Dictionary<string, object?>(), stoppingToken);
        var invocation = new FunctionInvocation(context, httpContext: null, timer);
        try
        {
            // A timer function binds nothing that can fail to convert, so binding always succeeds.
            function.Invoker.TryBindArguments(invocation, out var arguments);
            await function.Invoker.InvokeAsync(invocation, arguments);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            DevHostLog.TimerFailed(logger, ex, function.Name, next);
        }
    }
}
