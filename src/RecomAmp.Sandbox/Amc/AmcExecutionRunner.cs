using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecomAmp.Sandbox.Amc.Engine;

namespace RecomAmp.Sandbox.Amc;

/// <summary>
/// Runs queued executions in the background, never on a request thread: PENDING for
/// <see cref="AmcSandboxOptions.PendingDelay"/>, then RUNNING (at most
/// <see cref="AmcSandboxOptions.MaxConcurrentQueries"/> queries at once) for at least
/// <see cref="AmcSandboxOptions.RunningDelay"/>, then SUCCEEDED, FAILED (runtime error, timeout or injected) or
/// REJECTED (injected).
/// </summary>
internal sealed partial class AmcExecutionRunner(
    AmcEngine engine,
    IOptions<AmcSandboxOptions> options,
    AmcFaultInjection faults,
    AmcResultsFolder results,
    TimeProvider timeProvider,
    ILogger<AmcExecutionRunner> logger) : BackgroundService
{
    private readonly Channel<AmcExecution> _queue = Channel.CreateUnbounded<AmcExecution>();
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.MaxConcurrentQueries));

    public void Enqueue(AmcExecution execution)
    {
        if (!_queue.Writer.TryWrite(execution))
        {
            throw new InvalidOperationException("The execution queue is closed.");
        }
    }

    public override void Dispose()
    {
        _slots.Dispose();
        base.Dispose();

        // Result files of a temp folder die with the process, like the executions that point at them.
        if (results.Owned && Directory.Exists(results.Path))
        {
            try
            {
                Directory.Delete(results.Path, recursive: true);
            }
            catch (IOException ex)
            {
                LogCleanupFailed(logger, ex, results.Path);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.BuildDataOnStart)
        {
            _ = Task.Run(engine.EnsureBuilt, stoppingToken);
        }

        var running = new List<Task>();
        await foreach (var execution in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            running.RemoveAll(t => t.IsCompleted);
            running.Add(RunAsync(execution, stoppingToken));
        }

        await Task.WhenAll(running);
    }

    private async Task RunAsync(AmcExecution execution, CancellationToken stoppingToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(
            execution.Cancellation.Token, stoppingToken);
        try
        {
            await Task.Delay(options.Value.PendingDelay, timeProvider, linked.Token);
            await _slots.WaitAsync(linked.Token);
            try
            {
                await RunQueryAsync(execution, linked.Token);
            }
            finally
            {
                _slots.Release();
            }
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // Cancelled by the caller (already CANCELLED) or by host shutdown; nothing more to record.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRunCrashed(logger, ex, execution.ExecutionId);
            execution.TryMove(AmcExecutionStatus.Failed, timeProvider.GetUtcNow(), "Internal error: " + ex.Message);
        }
    }

    private async Task RunQueryAsync(AmcExecution execution, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetUtcNow();
        if (!execution.TryMove(AmcExecutionStatus.Running, started))
        {
            return;
        }

        LogStatus(logger, execution.ExecutionId, AmcExecutionStatus.Running);
        var forced = faults.TakeOutcomeFault();
        AmcExecutionStatus status;
        string? reason = null;
        AmcQueryResult? result = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(execution.TimeoutSeconds), timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            if (forced is not null)
            {
                status = forced.Status;
                reason = forced.Reason ?? (forced.Status == AmcExecutionStatus.Rejected
                    ? "Too many workflows are running with the same or overlapping time windows"
                    : "The query failed in the Sandbox (injected fault)");
            }
            else
            {
                var directory = Path.Combine(results.Path, execution.ExecutionId);
                result = await Task.Run(
                    () => engine.Execute(execution.Query, directory, options.Value.MaxRowsPerFile, linked.Token),
                    linked.Token);
                status = AmcExecutionStatus.Succeeded;
            }

            var remaining = options.Value.RunningDelay - (timeProvider.GetUtcNow() - started);
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining, timeProvider, linked.Token);
            }
        }
        catch (OperationCanceledException)
            when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            status = AmcExecutionStatus.Failed;
            reason = $"The execution timed out after {execution.TimeoutSeconds} seconds";
        }
        catch (Exception ex) when (ex is AmcRuntimeException or AmcCompileException)
        {
            status = AmcExecutionStatus.Failed;
            reason = ex.Message;
        }

        if (execution.TryMove(status, timeProvider.GetUtcNow(), reason, result))
        {
            LogStatus(logger, execution.ExecutionId, status);
        }
    }

    [LoggerMessage(EventId = 4111, Level = LogLevel.Information,
        Message = "AMC sandbox execution {ExecutionId} is {Status}")]
    private static partial void LogStatus(ILogger logger, string executionId, AmcExecutionStatus status);

    [LoggerMessage(EventId = 4113, Level = LogLevel.Warning,
        Message = "AMC sandbox could not delete its result folder {Folder}")]
    private static partial void LogCleanupFailed(ILogger logger, Exception exception, string folder);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Error,
        Message = "AMC sandbox execution {ExecutionId} crashed")]
    private static partial void LogRunCrashed(ILogger logger, Exception exception, string executionId);
}
