using System.Globalization;
using System.Text.Json;
using RecomAmp.Core.Common;

namespace RecomAmp.Core.Executions;

/// <summary>
/// The AMC time window of a run, taken from its <c>start_date</c> and <c>end_date</c> parameters and sent to
/// AMC as local times (<c>yyyy-MM-ddTHH:mm:ss</c>, no offset) with the user's time zone.
/// </summary>
/// <remarks>
/// A date (<c>2024-01-01</c>) as <c>start_date</c> means the start of that day. A date as <c>end_date</c>
/// means the whole of that day is included: the window ends at the next midnight, exclusive, so
/// <c>2024-01-01</c> to <c>2024-01-31</c> is all of January. A local time (<c>2024-01-01T06:00:00</c>) is
/// taken as it is, and a time with an offset or <c>Z</c> is converted to the user's time zone first.
/// </remarks>
/// <param name="Start">The window's start, local to <paramref name="TimeZone"/>.</param>
/// <param name="End">The window's end (exclusive), local to <paramref name="TimeZone"/>.</param>
/// <param name="TimeZone">The IANA time zone the times are in.</param>
public sealed record ExecutionTimeWindow(string Start, string End, string TimeZone)
{
    public const string StartParameter = "start_date";
    public const string EndParameter = "end_date";

    private const string AmcFormat = "yyyy-MM-ddTHH:mm:ss";

    private static readonly string[] _localFormats = ["yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm"];

    /// <summary>
    /// Resolves the window from a run's parameters, adding errors on <c>parameters.start_date</c> and
    /// <c>parameters.end_date</c> when they are missing, malformed or out of order.
    /// </summary>
    /// <returns>The window, or null when <paramref name="errors"/> got an error.</returns>
    public static ExecutionTimeWindow? Resolve(
        IReadOnlyDictionary<string, JsonElement> parameters, string timeZone, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(errors);
        var zone = FindZone(timeZone);
        var start = Read(parameters, StartParameter, isEnd: false, zone, errors);
        var end = Read(parameters, EndParameter, isEnd: true, zone, errors);
        if (start is null || end is null)
        {
            return null;
        }

        if (end <= start)
        {
            errors.Add($"parameters.{EndParameter}", $"Must be after {StartParameter}");
            return null;
        }

        return new ExecutionTimeWindow(Format(start.Value), Format(end.Value), zone.Id);
    }

    private static DateTime? Read(
        IReadOnlyDictionary<string, JsonElement> parameters,
        string name,
        bool isEnd,
        TimeZoneInfo zone,
        ValidationErrors errors)
    {
        var field = $"parameters.{name}";
        if (!parameters.TryGetValue(name, out var value))
        {
            errors.Add(field, "AMC needs a time window: give start_date and end_date (here or in the "
                + "workflow's parameters)");
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : null;
        if (text is not null
            && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var date))
        {
            // The end date is included whole: the window ends at the following midnight, exclusive.
            return isEnd ? date.AddDays(1).ToDateTime(TimeOnly.MinValue) : date.ToDateTime(TimeOnly.MinValue);
        }

        if (text is not null
            && DateTime.TryParseExact(text, _localFormats, CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var local))
        {
            return local;
        }

        if (text is not null && HasOffset(text)
            && DateTimeOffset.TryParse(
                text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            var inZone = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
            var wholeSeconds = inZone.Ticks - (inZone.Ticks % TimeSpan.TicksPerSecond);
            return new DateTime(wholeSeconds, DateTimeKind.Unspecified);
        }

        errors.Add(field, "Must be a date (2024-01-31) or a local time (2024-01-31T00:00:00)");
        return null;
    }

    private static bool HasOffset(string text) =>
        text.Length > 10 && text[10] == 'T'
        && (text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10);

    private static TimeZoneInfo FindZone(string timeZone)
    {
        // A zone this machine does not know is sent as UTC rather than refused by AMC half-way.
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }

    private static string Format(DateTime value) => value.ToString(AmcFormat, CultureInfo.InvariantCulture);
}
