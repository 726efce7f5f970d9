using System.Globalization;
using System.Text.RegularExpressions;

namespace RecomAmp.Core.Schedules;

/// <summary>
/// Dates relative to the day a scheduled run starts, so that a schedule's parameters can say "yesterday" or
/// "last_month" once and mean the right dates on every run. Words are matched ignoring case, with spaces,
/// hyphens or underscores between them (<c>3 days ago</c> is <c>3_days_ago</c>). Weeks start on Monday.
/// </summary>
/// <remarks>
/// All dates are counted from a reference day: the local date in the schedule's time zone when the run
/// starts, moved back by the schedule's data lag. Single dates: <c>today</c>, <c>yesterday</c>,
/// <c>N_days_ago</c>, <c>start_of_week</c>, <c>end_of_week</c>, <c>start_of_last_week</c>,
/// <c>end_of_last_week</c>, <c>start_of_month</c>, <c>end_of_month</c>, <c>start_of_last_month</c>,
/// <c>end_of_last_month</c> (and <c>start_of_this_week</c>, <c>start_of_this_month</c> and so on). Ranges,
/// which set a start and an end date, both included: <c>today</c>, <c>yesterday</c>, <c>last_N_days</c> (the
/// N days before the reference day), <c>this_week</c> and <c>this_month</c> (from their start to the
/// reference day), <c>last_week</c>, <c>last_month</c>.
/// </remarks>
public static partial class RelativeDates
{
    /// <summary>The most days that <c>N_days_ago</c> and <c>last_N_days</c> may count.</summary>
    public const int MaxDays = 3650;

    /// <summary>The single-date words, for messages.</summary>
    public const string DateVocabulary = "today, yesterday, N_days_ago, start_of_week, end_of_week, "
        + "start_of_last_week, end_of_last_week, start_of_month, end_of_month, start_of_last_month, "
        + "end_of_last_month";

    /// <summary>The range words, for messages.</summary>
    public const string RangeVocabulary = "today, yesterday, last_N_days, this_week, last_week, this_month, "
        + "last_month";

    /// <summary>
    /// The date that <paramref name="text"/> names relative to <paramref name="reference"/>.
    /// </summary>
    /// <returns>False, with the reason, when the text is not a single-date word.</returns>
    public static bool TryResolveDate(string text, DateOnly reference, out DateOnly date, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = Normalize(text);
        var weekStart = StartOfWeek(reference);
        var monthStart = new DateOnly(reference.Year, reference.Month, 1);
        DateOnly? resolved = words switch
        {
            "today" => reference,
            "yesterday" => reference.AddDays(-1),
            "start_of_week" => weekStart,
            "end_of_week" => weekStart.AddDays(6),
            "start_of_last_week" => weekStart.AddDays(-7),
            "end_of_last_week" => weekStart.AddDays(-1),
            "start_of_month" => monthStart,
            "end_of_month" => monthStart.AddMonths(1).AddDays(-1),
            "start_of_last_month" => monthStart.AddMonths(-1),
            "end_of_last_month" => monthStart.AddDays(-1),
            _ => null,
        };

        problem = null;
        if (resolved is null && DaysAgo().Match(words) is { Success: true } match)
        {
            if (TryCount(match, min: 0, out var days, out problem))
            {
                resolved = reference.AddDays(-days);
            }
        }
        else if (resolved is null)
        {
            problem = IsRangeWord(words)
                ? $"'{text}' is a range; give it as date_range, which sets start_date and end_date"
                : $"Unknown relative date '{text}'; use a date (2024-01-31) or one of: {DateVocabulary}";
        }

        date = resolved ?? default;
        return resolved is not null;
    }

    /// <summary>The first and last day (both included) that <paramref name="text"/> names.</summary>
    /// <returns>False, with the reason, when the text is not a range word.</returns>
    public static bool TryResolveRange(
        string text, DateOnly reference, out DateOnly start, out DateOnly end, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = Normalize(text);
        var weekStart = StartOfWeek(reference);
        var monthStart = new DateOnly(reference.Year, reference.Month, 1);
        (DateOnly Start, DateOnly End)? resolved = words switch
        {
            "today" => (reference, reference),
            "yesterday" => (reference.AddDays(-1), reference.AddDays(-1)),
            "this_week" => (weekStart, reference),
            "last_week" => (weekStart.AddDays(-7), weekStart.AddDays(-1)),
            "this_month" => (monthStart, reference),
            "last_month" => (monthStart.AddMonths(-1), monthStart.AddDays(-1)),
            _ => null,
        };

        problem = null;
        if (resolved is null && LastDays().Match(words) is { Success: true } match)
        {
            if (TryCount(match, min: 1, out var days, out problem))
            {
                resolved = (reference.AddDays(-days), reference.AddDays(-1));
            }
        }
        else if (resolved is null)
        {
            problem = $"Unknown date range '{text}'; use one of: {RangeVocabulary}";
        }

        (start, end) = resolved ?? default;
        return resolved is not null;
    }

    private static bool IsRangeWord(string words) =>
        words is "this_week" or "last_week" or "this_month" or "last_month" || LastDays().IsMatch(words);

    private static bool TryCount(Match match, int min, out int days, out string? problem)
    {
        var digits = match.Groups["days"].Value;
        if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out days)
            && days >= min && days <= MaxDays)
        {
            problem = null;
            return true;
        }

        problem = $"The number of days must be between {min} and {MaxDays}";
        return false;
    }

    private static DateOnly StartOfWeek(DateOnly day) =>
        day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static string Normalize(string text)
    {
        var words = Separators().Replace(text.Trim().ToLowerInvariant(), "_");
        return words.Replace("_this_", "_", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"[\s_\-]+", RegexOptions.CultureInvariant)]
    private static partial Regex Separators();

    [GeneratedRegex(@"^(?<days>\d{1,9})_days?_ago$", RegexOptions.CultureInvariant)]
    private static partial Regex DaysAgo();

    [GeneratedRegex(@"^last_(?<days>\d{1,9})_days?$", RegexOptions.CultureInvariant)]
    private static partial Regex LastDays();
}
