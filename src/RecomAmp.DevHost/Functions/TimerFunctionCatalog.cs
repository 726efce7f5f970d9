using System.Text.RegularExpressions;
using Cronos;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;

namespace RecomAmp.DevHost.Functions;

/// <summary>
/// The timer functions DevHost runs: every <c>[Function]</c> with a <c>[TimerTrigger]</c> among the scanned
/// types, with its schedule resolved from configuration and parsed once at start-up.
/// </summary>
public sealed partial class TimerFunctionCatalog
{
    /// <summary>
    /// The setting that names the time zone of schedules under the Functions host; UTC when unset.
    /// </summary>
    public const string TimeZoneSetting = "WEBSITE_TIME_ZONE";

    private TimerFunctionCatalog(TimeZoneInfo timeZone, IReadOnlyList<TimerFunction> functions)
    {
        TimeZone = timeZone;
        Functions = functions;
    }

    /// <summary>The zone schedules are evaluated in.</summary>
    public TimeZoneInfo TimeZone { get; }

    public IReadOnlyList<TimerFunction> Functions { get; }

    /// <summary>Scans <paramref name="types"/> for timer functions.</summary>
    /// <exception cref="DevHostStartupException">
    /// A function DevHost cannot run: a parameter it cannot bind, a missing setting, an unreadable schedule.
    /// </exception>
    public static TimerFunctionCatalog Create(IEnumerable<Type> types, IConfiguration configuration) =>
        Create(FunctionScanner.Scan(types), configuration);

    internal static TimerFunctionCatalog Create(
        IReadOnlyList<FunctionMethod> functions, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var zone = ResolveTimeZone(configuration[TimeZoneSetting]);
        var timers = new List<TimerFunction>();
        foreach (var function in functions.Where(f => f.Trigger == FunctionTrigger.Timer))
        {
            var trigger = (TimerTriggerAttribute)function.TriggerAttribute;
            var schedule = ResolveSettings(function, trigger.Schedule, configuration);
            CronExpression cron;
            try
            {
                cron = CronExpression.Parse(schedule, CronFormat.IncludeSeconds);
            }
            catch (CronFormatException ex)
            {
                throw function.Fail(
                    $"schedule '{schedule}' is not an NCRONTAB expression of six fields, seconds first: "
                    + ex.Message,
                    function.TriggerParameter,
                    ex);
            }

            timers.Add(new TimerFunction(function, schedule, cron, trigger.RunOnStartup));
        }

        return new TimerFunctionCatalog(zone, timers);
    }

    private static string ResolveSettings(
        FunctionMethod function, string schedule, IConfiguration configuration) =>
        SettingReference().Replace(schedule, match =>
        {
            // The Functions host resolves %Name% from app settings, where "__" separates sections.
            var name = match.Groups[1].Value;
            return configuration[name] ?? configuration[name.Replace("__", ":", StringComparison.Ordinal)]
                ?? throw function.Fail(
                    $"the schedule refers to setting '{name}', which is not set.", function.TriggerParameter);
        });

    private static TimeZoneInfo ResolveTimeZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return TimeZoneInfo.Utc;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException ex)
        {
            throw new DevHostStartupException($"{TimeZoneSetting} names an unknown time zone '{id}'.", ex);
        }
    }

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex SettingReference();
}
