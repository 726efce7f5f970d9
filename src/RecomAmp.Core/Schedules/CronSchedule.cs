using Cronos;

namespace RecomAmp.Core.Schedules;

/// <summary>
/// A schedule's cron expression: five fields (minute, hour, day of month, month, day of week) or a macro such
/// as <c>@daily</c>, parsed with Cronos and evaluated in a time zone.
/// </summary>
/// <remarks>
/// <para>
/// When both the day of month and the day of week are restricted (neither is <c>*</c> nor <c>?</c>), the
/// schedule runs on days that match either one, as cron has always done; Cronos alone would ask for both, so
/// such an expression is evaluated as two and the earlier occurrence wins.
/// </para>
/// <para>
/// Daylight saving time follows Cronos: a local time that does not exist (clocks go forward) runs once, at
/// the first instant after the gap; a local time that occurs twice (clocks go back) runs once, at its first
/// occurrence. Fields with a step or a wildcard in the hour (<c>0 * * * *</c>) run in both repeated hours,
/// because they mean every hour that passes.
/// </para>
/// </remarks>
public sealed class CronSchedule
{
    public const int MaxLength = 100;

    private const string FieldNames = "minute, hour, day of month, month, day of week";

    private readonly IReadOnlyList<CronExpression> _expressions;

    private CronSchedule(
        string expression, IReadOnlyList<CronExpression> expressions, IReadOnlyList<string> notes)
    {
        Expression = expression;
        _expressions = expressions;
        Notes = notes;
    }

    /// <summary>The expression with its fields separated by single spaces.</summary>
    public string Expression { get; }

    /// <summary>
    /// Sentences that explain where the expression behaves other than it may seem to: a step that restarts
    /// every month (or hour, day, week, year), and days matched by day of month or day of week.
    /// </summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Parses an expression, or says in one sentence why it is not one.</summary>
    public static bool TryParse(string? text, out CronSchedule? schedule, out string? problem)
    {
        schedule = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "This field is required";
            return false;
        }

        if (text.Length > MaxLength)
        {
            problem = $"Must be at most {MaxLength} characters";
            return false;
        }

        var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var isMacro = fields.Length == 1 && fields[0].StartsWith('@');
        if (!isMacro && fields.Length != 5)
        {
            problem = $"A cron expression has five fields ({FieldNames}), not {fields.Length}; seconds and "
                + "years are not supported";
            return false;
        }

        var expression = string.Join(' ', fields);
        var daysEither = !isMacro && IsRestricted(fields[2]) && IsRestricted(fields[4]);
        string[] sources = daysEither
            ?
            [
                $"{fields[0]} {fields[1]} {fields[2]} {fields[3]} *",
                $"{fields[0]} {fields[1]} * {fields[3]} {fields[4]}",
            ]
            : [expression];

        var parsed = new List<CronExpression>();
        foreach (var source in sources)
        {
            if (!TryParseCronos(source, out var cron, out problem))
            {
                return false;
            }

            parsed.Add(cron!);
        }

        schedule = new CronSchedule(expression, parsed, isMacro ? [] : CronNotes.For(fields, daysEither));
        problem = null;
        return true;
    }

    /// <summary>Parses an expression.</summary>
    /// <exception cref="ArgumentException">
    /// The text is not a valid expression (the message says why).
    /// </exception>
    public static CronSchedule Parse(string text) =>
        TryParse(text, out var schedule, out var problem)
            ? schedule!
            : throw new ArgumentException(problem, nameof(text));

    /// <summary>
    /// The first occurrence strictly after <paramref name="instant"/>, with the fields read as local times of
    /// <paramref name="zone"/>; null when there is none (before the end of 2099).
    /// </summary>
    public DateTimeOffset? NextAfter(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        DateTimeOffset? earliest = null;
        foreach (var expression in _expressions)
        {
            var next = expression.GetNextOccurrence(instant, zone, inclusive: false);
            if (next is { } found && (earliest is null || found < earliest))
            {
                earliest = found;
            }
        }

        return earliest?.ToUniversalTime();
    }

    public override string ToString() => Expression;

    private static bool IsRestricted(string field) => field is not ("*" or "?");

    private static bool TryParseCronos(string source, out CronExpression? cron, out string? problem)
    {
        try
        {
            cron = CronExpression.Parse(source, CronFormat.Standard);
            problem = null;
            return true;
        }
        catch (CronFormatException ex)
        {
            // Cronos starts every message with the same sentence; the part after it names the field.
            const string Preamble = "The given cron expression has an invalid format.";
            var reason = ex.Message.StartsWith(Preamble, StringComparison.Ordinal)
                ? ex.Message[Preamble.Length..].Trim()
                : ex.Message;
            cron = null;
            problem = $"Not a valid cron expression ({FieldNames}): {reason}";
            return false;
        }
    }
}
