using System.Globalization;
using System.Text.Json;
using RecomAmp.Core.Common;
using RecomAmp.Core.Workflows;

namespace RecomAmp.Core.Schedules;

/// <summary>
/// A schedule's parameter values: the workflow's rules for values, plus relative dates in date parameters,
/// resolved when a run starts. Date parameters are those named <c>date</c> or ending in <c>_date</c>
/// (<c>start_date</c>, <c>end_date</c>); their string values are a date, a local time, or a relative date of
/// <see cref="RelativeDates"/>. <see cref="RangeParameter"/> holds a range and becomes <c>start_date</c> and
/// <c>end_date</c>. Other parameters are passed on unchanged.
/// </summary>
public static class ScheduleParameters
{
    /// <summary>The parameter that holds a range of <see cref="RelativeDates"/>.</summary>
    public const string RangeParameter = "date_range";

    public const string StartDateParameter = "start_date";
    public const string EndDateParameter = "end_date";

    private const string Field = "parameters";
    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>Whether a parameter's string value is read as a date.</summary>
    public static bool IsDateParameter(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name is "date" || name.EndsWith("_date", StringComparison.Ordinal);
    }

    /// <summary>
    /// Adds an error on <c>parameters.&lt;name&gt;</c> for every value the workflow rules refuse and every
    /// date that is neither a date nor a known relative date.
    /// </summary>
    public static void Validate(ValidationErrors errors, IReadOnlyDictionary<string, JsonElement>? parameters)
    {
        ArgumentNullException.ThrowIfNull(errors);
        WorkflowParameters.Validate(errors, Field, parameters);
        if (parameters is null)
        {
            return;
        }

        // Any reference day will do: a word resolves on every day or on none.
        var reference = new DateOnly(2024, 1, 1);
        foreach (var (name, value) in parameters)
        {
            string? problem = null;
            if (name == RangeParameter)
            {
                problem = value.ValueKind != JsonValueKind.String
                    ? $"Must be a date range, one of: {RelativeDates.RangeVocabulary}"
                    : RelativeDates.TryResolveRange(value.GetString()!, reference, out _, out _, out var why)
                        ? RangeConflict(parameters)
                        : why;
            }
            else if (IsDateParameter(name) && value.ValueKind == JsonValueKind.String)
            {
                var text = value.GetString()!;
                if (!IsLiteralDate(text)
                    && !RelativeDates.TryResolveDate(text, reference, out _, out var why))
                {
                    problem = why;
                }
            }

            if (problem is not null)
            {
                errors.Add($"{Field}.{name}", problem);
            }
        }
    }

    /// <summary>
    /// The values a run starting at <paramref name="runStartsAt"/> uses: relative dates become
    /// <c>yyyy-MM-dd</c> dates counted from the local date in <paramref name="zone"/> moved back by
    /// <paramref name="dataLagDays"/>, and <see cref="RangeParameter"/> becomes <c>start_date</c> and
    /// <c>end_date</c>. Literal dates and other parameters are kept as they are.
    /// </summary>
    /// <exception cref="ArgumentException">A value does not pass <see cref="Validate"/>.</exception>
    public static IReadOnlyDictionary<string, JsonElement> Resolve(
        IReadOnlyDictionary<string, JsonElement> parameters,
        TimeZoneInfo zone,
        DateTimeOffset runStartsAt,
        int dataLagDays)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(zone);
        var reference = ReferenceDay(zone, runStartsAt, dataLagDays);

        var resolved = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            string? problem;
            if (name == RangeParameter)
            {
                if (!RelativeDates.TryResolveRange(
                    value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty,
                    reference,
                    out var start,
                    out var end,
                    out problem))
                {
                    throw new ArgumentException(problem, nameof(parameters));
                }

                resolved[StartDateParameter] = DateValue(start);
                resolved[EndDateParameter] = DateValue(end);
            }
            else if (IsDateParameter(name) && value.ValueKind == JsonValueKind.String
                && !IsLiteralDate(value.GetString()!))
            {
                if (!RelativeDates.TryResolveDate(value.GetString()!, reference, out var date, out problem))
                {
                    throw new ArgumentException(problem, nameof(parameters));
                }

                resolved[name] = DateValue(date);
            }
            else
            {
                resolved.TryAdd(name, value.Clone());
            }
        }

        return resolved;
    }

    /// <summary>
    /// The day relative dates count from: the local date in <paramref name="zone"/> at
    /// <paramref name="instant"/>, moved back by <paramref name="dataLagDays"/>.
    /// </summary>
    public static DateOnly ReferenceDay(TimeZoneInfo zone, DateTimeOffset instant, int dataLagDays)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return DateOnly.FromDateTime(local.DateTime).AddDays(-dataLagDays);
    }

    private static string? RangeConflict(IReadOnlyDictionary<string, JsonElement> parameters) =>
        parameters.ContainsKey(StartDateParameter) || parameters.ContainsKey(EndDateParameter)
            ? $"{RangeParameter} sets {StartDateParameter} and {EndDateParameter}; leave those out"
            : null;

    // A date or a date and time, with or without an offset, as a workflow's own parameters may hold.
    private static bool IsLiteralDate(string text) =>
        text.Length >= 10 && char.IsAsciiDigit(text[0])
        && DateTimeOffset.TryParse(
            text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);

    private static JsonElement DateValue(DateOnly date) =>
        JsonSerializer.SerializeToElement(date.ToString(DateFormat, CultureInfo.InvariantCulture));
}
