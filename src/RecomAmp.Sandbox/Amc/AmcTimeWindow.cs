using System.Globalization;

namespace RecomAmp.Sandbox.Amc;

/// <summary>
/// Turns an execution's time window fields into UTC bounds. Explicit times are <c>yyyy-MM-ddTHH:mm:ss</c> in
/// <c>timeWindowTimeZone</c> (default UTC). Relative windows end at the start of the current day in that zone:
/// MOST_RECENT_DAY is the day before, MOST_RECENT_WEEK the seven days before, CURRENT_MONTH runs from the first of
/// the month and PREVIOUS_MONTH is the whole previous month.
/// </summary>
internal static class AmcTimeWindow
{
    private static readonly string[] _formats =
        ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.fff", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd"];

    public static (DateTime StartUtc, DateTime EndUtc, string Type, string TimeZone) Resolve(
        string? type, string? start, string? end, string? timeZone, DateTimeOffset now)
    {
        var zoneId = string.IsNullOrEmpty(timeZone) ? "UTC" : timeZone;
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw AmcApiException.BadRequest($"timeWindowTimeZone '{zoneId}' is not a known time zone");
        }

        var windowType = string.IsNullOrEmpty(type) ? "MOST_RECENT_DAY" : type.ToUpperInvariant();
        var localNow = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        var today = localNow.Date;
        (DateTime Start, DateTime End) local = windowType switch
        {
            "EXPLICIT" => (Parse("timeWindowStart", start), Parse("timeWindowEnd", end)),
            "MOST_RECENT_DAY" => (today.AddDays(-1), today),
            "MOST_RECENT_WEEK" => (today.AddDays(-7), today),
            "CURRENT_MONTH" => (new DateTime(today.Year, today.Month, 1), today),
            "PREVIOUS_MONTH" => (new DateTime(today.Year, today.Month, 1).AddMonths(-1),
                new DateTime(today.Year, today.Month, 1)),
            _ => throw AmcApiException.BadRequest(
                "timeWindowType must be EXPLICIT, MOST_RECENT_DAY, MOST_RECENT_WEEK, CURRENT_MONTH or PREVIOUS_MONTH"),
        };

        if (local.End <= local.Start)
        {
            throw AmcApiException.BadRequest("timeWindowEnd must be after timeWindowStart");
        }

        return (ToUtc(local.Start, zone), ToUtc(local.End, zone), windowType, zoneId);
    }

    private static DateTime Parse(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw AmcApiException.BadRequest($"{field} is required when timeWindowType is EXPLICIT");
        }

        return DateTime.TryParseExact(
                value, _formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? parsed
            : throw AmcApiException.BadRequest($"{field} must be formatted yyyy-MM-ddTHH:mm:ss");
    }

    private static DateTime ToUtc(DateTime local, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);
}
