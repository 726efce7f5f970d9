using System.Globalization;

namespace RecomAmp.Core.Schedules;

/// <summary>
/// Explains the parts of a valid five-field cron expression that analysts most often misread: a step that
/// restarts at the start of each month (or hour, day, week, year) rather than counting on across it, and a
/// day of month with a day of week, which cron matches when either one does.
/// </summary>
internal static class CronNotes
{
    private static readonly string[] _monthNames =
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    private static readonly string[] _dayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private static readonly string[] _dayDisplayNames =
        ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    private static readonly Field[] _fields =
    [
        new("minute", "hour", "minutes", 0, 59, []),
        new("hour", "day", "hours", 0, 23, []),
        new("day-of-month", "month", "days", 1, 31, []),
        new("month", "year", "months", 1, 12, _monthNames),
        new("day-of-week", "week", "days", 0, 6, _dayNames),
    ];

    /// <summary>The notes for an expression's five fields.</summary>
    public static IReadOnlyList<string> For(IReadOnlyList<string> fields, bool daysEither)
    {
        var notes = new List<string>();
        for (var index = 0; index < _fields.Length; index++)
        {
            foreach (var item in fields[index].Split(','))
            {
                var note = StepNote(_fields[index], item);
                if (note is not null)
                {
                    notes.Add(note);
                }
            }
        }

        if (daysEither)
        {
            notes.Add($"Day of month ('{fields[2]}') and day of week ('{fields[4]}') are both restricted, so "
                + "the schedule runs on every day that matches either one, not only on days that match both");
        }

        return notes;
    }

    private static string? StepNote(Field field, string item)
    {
        var slash = item.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0
            || !int.TryParse(item[(slash + 1)..], CultureInfo.InvariantCulture, out var step)
            || step < 2)
        {
            return null;
        }

        var range = item[..slash];
        int first;
        var last = field.Max;
        var wholeCycle = false;
        if (range == "*")
        {
            first = field.Min;
            wholeCycle = true;
        }
        else if (range.Split('-') is [var from, var to])
        {
            if (!TryValue(field, from, out first) || !TryValue(field, to, out last))
            {
                return null;
            }
        }
        else if (!TryValue(field, range, out first))
        {
            return null;
        }
        else
        {
            // "5/14" means from 5 to the end of the field.
            wholeCycle = true;
        }

        var values = new List<int>();
        for (var value = first; value <= last; value += step)
        {
            values.Add(value);
        }

        if (values.Count == 0)
        {
            return null;
        }

        if (field.Name == "day-of-month")
        {
            return $"'{item}' in the day-of-month field counts from the start of each month: it matches "
                + $"days {List(field, values)}, then starts again on day {values[0]} of the next month, so "
                + $"runs are not always {step} days apart";
        }

        var gap = field.Max - field.Min + 1 - values[^1] + values[0];
        if (!wholeCycle || gap == step)
        {
            return null;
        }

        return $"'{item}' in the {field.Name} field starts again every {field.Cycle}: it matches "
            + $"{field.Unit} {List(field, values)}, so the last of one {field.Cycle} and the first of the next "
            + $"are {gap} {field.Unit} apart, not {step}";
    }

    private static bool TryValue(Field field, string text, out int value)
    {
        var named = Array.FindIndex(
            field.Names, name => name.Equals(text, StringComparison.OrdinalIgnoreCase));
        if (named >= 0)
        {
            value = named + field.Min;
            return true;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        // Day of week 7 is Sunday, as 0 is.
        if (field.Name == "day-of-week" && value == 7)
        {
            value = 0;
        }

        return value >= field.Min && value <= field.Max;
    }

    private static string List(Field field, List<int> values)
    {
        var texts = values
            .Select(value => field.Name switch
            {
                "day-of-week" => _dayDisplayNames[value],
                "month" => CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(value),
                _ => value.ToString(CultureInfo.InvariantCulture),
            })
            .ToList();
        return texts.Count == 1 ? texts[0] : string.Join(", ", texts[..^1]) + " and " + texts[^1];
    }

    private sealed record Field(string Name, string Cycle, string Unit, int Min, int Max, string[] Names);
}
