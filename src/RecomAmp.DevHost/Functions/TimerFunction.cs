using System.Reflection;
using Cronos;

namespace RecomAmp.DevHost.Functions;

/// <summary>
/// One timer function as DevHost runs it: its schedule, resolved from settings, and how to call it.
/// </summary>
public sealed class TimerFunction
{
    private readonly CronExpression _cron;

    internal TimerFunction(FunctionMethod function, string schedule, CronExpression cron, bool runOnStartup)
    {
        Name = function.Name;
        Method = function.Method;
        Schedule = schedule;
        RunOnStartup = runOnStartup;
        _cron = cron;
        Definition = new DevHostFunctionDefinition(function);
        Invoker = FunctionInvoker.Create(function, route: null);
    }

    public string Name { get; }

    public MethodInfo Method { get; }

    /// <summary>
    /// The NCRONTAB expression (six fields, seconds first) after <c>%Setting%</c> references are resolved.
    /// </summary>
    public string Schedule { get; }

    /// <summary>Whether the function also runs once when DevHost starts.</summary>
    public bool RunOnStartup { get; }

    internal DevHostFunctionDefinition Definition { get; }

    internal FunctionInvoker Invoker { get; }

    /// <summary>
    /// The first occurrence of the schedule after <paramref name="from"/>; null when there is none.
    /// </summary>
    public DateTimeOffset? NextOccurrence(DateTimeOffset from, TimeZoneInfo zone) =>
        _cron.GetNextOccurrence(from, zone);
}
