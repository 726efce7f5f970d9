using System.Text.RegularExpressions;

namespace RecomAmp.Core.Schedules;

/// <summary>
/// IANA time zone names (<c>America/New_York</c>, <c>Europe/Berlin</c>, <c>UTC</c>), looked up in the
/// operating system's time zone database (<c>/usr/share/zoneinfo</c> on Linux). Windows names are not
/// accepted.
/// </summary>
public static partial class ScheduleTimeZones
{
    public const int MaxLength = 64;

    /// <summary>Finds a zone, or says why the name is not one.</summary>
    public static bool TryFind(string? name, out TimeZoneInfo? zone, out string? problem)
    {
        zone = null;
        if (string.IsNullOrWhiteSpace(name))
        {
            problem = "This field is required";
            return false;
        }

        problem = $"Unknown time zone '{Shorten(name)}'; use an IANA name such as America/New_York or UTC";
        if (name.Length > MaxLength || !IanaName().IsMatch(name))
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }

        problem = null;
        return true;
    }

    /// <summary>A zone whose name was checked when it was saved.</summary>
    /// <exception cref="InvalidOperationException">
    /// The name is not known (any more) on this machine.
    /// </exception>
    public static TimeZoneInfo Find(string name) =>
        TryFind(name, out var zone, out var problem) ? zone! : throw new InvalidOperationException(problem);

    private static string Shorten(string name) => name.Length <= MaxLength ? name : name[..MaxLength] + "...";

    // Letters, digits, '_', '-', '+' in parts separated by '/': never a path that climbs out of the database.
    [GeneratedRegex(
        @"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9][A-Za-z0-9_+\-]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IanaName();
}
