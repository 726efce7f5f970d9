using RecomAmp.Core.Schedules;

namespace RecomAmp.Core.Tests.Schedules;

public sealed class CronScheduleTests
{
    private static readonly TimeZoneInfo NewYork = Zone("America/New_York");
    private static readonly TimeZoneInfo Tokyo = Zone("Asia/Tokyo");
    private static readonly TimeZoneInfo Berlin = Zone("Europe/Berlin");

    [Fact]
    public void NextAfter_DailyInNewYork_IsNineLocalReturnedInUtc()
    {
        var cron = CronSchedule.Parse("0 9 * * *");

        var winter = cron.NextAfter(Utc(2024, 1, 1, 0, 0), NewYork);
        var summer = cron.NextAfter(Utc(2024, 7, 1, 0, 0), NewYork);

        Assert.Equal(Utc(2024, 1, 1, 14, 0), winter);
        Assert.Equal(Utc(2024, 7, 1, 13, 0), summer);
        Assert.Equal(TimeSpan.Zero, winter!.Value.Offset);
    }

    [Fact]
    public void NextAfter_IsStrictlyAfterTheInstant()
    {
        var cron = CronSchedule.Parse("0 * * * *");

        var next = cron.NextAfter(Utc(2024, 1, 1, 10, 0), TimeZoneInfo.Utc);

        Assert.Equal(Utc(2024, 1, 1, 11, 0), next);
    }

    [Fact]
    public void NextAfter_LocalTimeSkippedWhenClocksGoForward_RunsOnceAtTheNextValidInstant()
    {
        // 2024-03-10 in New York: 02:00 EST becomes 03:00 EDT, so 02:30 does not exist that day.
        var cron = CronSchedule.Parse("30 2 * * *");

        var occurrences = Occurrences(cron, NewYork, Utc(2024, 3, 9, 12, 0), count: 3);

        Assert.Equal([Utc(2024, 3, 10, 7, 0), Utc(2024, 3, 11, 6, 30), Utc(2024, 3, 12, 6, 30)], occurrences);
    }

    [Fact]
    public void NextAfter_LocalTimeRepeatedWhenClocksGoBack_RunsOnce()
    {
        // 2024-11-03 in New York: 01:00-02:00 happens twice, first in EDT (UTC-4) and then in EST (UTC-5).
        var cron = CronSchedule.Parse("30 1 * * *");

        var occurrences = Occurrences(cron, NewYork, Utc(2024, 11, 2, 12, 0), count: 2);

        Assert.Equal([Utc(2024, 11, 3, 5, 30), Utc(2024, 11, 4, 6, 30)], occurrences);
    }

    [Fact]
    public void NextAfter_RepeatedHourInBerlin_RunsOnce()
    {
        // 2024-10-27 in Berlin: 02:00-03:00 happens twice.
        var cron = CronSchedule.Parse("15 2 * * *");

        var occurrences = Occurrences(cron, Berlin, Utc(2024, 10, 26, 12, 0), count: 2);

        Assert.Equal([Utc(2024, 10, 27, 0, 15), Utc(2024, 10, 28, 1, 15)], occurrences);
    }

    [Fact]
    public void NextAfter_EveryHourAcrossClocksGoingBack_RunsEveryRealHour()
    {
        var cron = CronSchedule.Parse("0 * * * *");

        var occurrences = Occurrences(cron, NewYork, Utc(2024, 11, 3, 4, 30), count: 3);

        Assert.Equal([Utc(2024, 11, 3, 5, 0), Utc(2024, 11, 3, 6, 0), Utc(2024, 11, 3, 7, 0)], occurrences);
    }

    [Fact]
    public void NextAfter_EarlyMondayInTokyo_IsMondayLocalWhichIsSundayInUtc()
    {
        var cron = CronSchedule.Parse("0 1 * * MON");

        var next = cron.NextAfter(Utc(2024, 1, 1, 12, 0), Tokyo);

        Assert.Equal(Utc(2024, 1, 7, 16, 0), next);
        Assert.Equal(DayOfWeek.Monday, TimeZoneInfo.ConvertTime(next!.Value, Tokyo).DayOfWeek);
        Assert.Equal(DayOfWeek.Sunday, next.Value.DayOfWeek);
    }

    [Fact]
    public void NextAfter_DayOfMonthAndDayOfWeekBothRestricted_RunsWhenEitherMatches()
    {
        // The 1st of each month and every Monday; January 2024 starts on a Monday.
        var cron = CronSchedule.Parse("0 9 1 * MON");

        var occurrences = Occurrences(cron, TimeZoneInfo.Utc, Utc(2024, 1, 20, 0, 0), count: 4);

        Assert.Equal(
            [Utc(2024, 1, 22, 9, 0), Utc(2024, 1, 29, 9, 0), Utc(2024, 2, 1, 9, 0), Utc(2024, 2, 5, 9, 0)],
            occurrences);
    }

    [Fact]
    public void NextAfter_DayOfMonthStep_RestartsEveryMonth()
    {
        var cron = CronSchedule.Parse("0 0 */14 * *");

        var occurrences = Occurrences(cron, TimeZoneInfo.Utc, Utc(2024, 1, 1, 12, 0), count: 4);

        Assert.Equal(
            [Utc(2024, 1, 15, 0, 0), Utc(2024, 1, 29, 0, 0), Utc(2024, 2, 1, 0, 0), Utc(2024, 2, 15, 0, 0)],
            occurrences);
    }

    [Fact]
    public void Notes_DayOfMonthStep_ExplainsTheRestart()
    {
        var cron = CronSchedule.Parse("0 0 */14 * *");

        var note = Assert.Single(cron.Notes);

        Assert.Equal(
            "'*/14' in the day-of-month field counts from the start of each month: it matches days 1, 15 and "
            + "29, then starts again on day 1 of the next month, so runs are not always 14 days apart",
            note);
    }

    [Fact]
    public void Notes_DayOfMonthAndDayOfWeek_ExplainsEitherMatches()
    {
        var cron = CronSchedule.Parse("0 9 1,15 * FRI");

        var note = Assert.Single(cron.Notes);

        Assert.Contains("either one", note, StringComparison.Ordinal);
        Assert.Contains("'1,15'", note, StringComparison.Ordinal);
        Assert.Contains("'FRI'", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Notes_HourStepThatDoesNotDivideTheDay_ExplainsTheShorterGap()
    {
        var cron = CronSchedule.Parse("0 */5 * * *");

        var note = Assert.Single(cron.Notes);

        Assert.Contains("hours 0, 5, 10, 15 and 20", note, StringComparison.Ordinal);
        Assert.Contains("are 4 hours apart, not 5", note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*/15 * * * *")]
    [InlineData("0 9 * * 1-5")]
    [InlineData("0 */6 * * *")]
    [InlineData("0 9-17/2 * * *")]
    [InlineData("@daily")]
    public void Notes_NothingSurprising_AreEmpty(string expression)
    {
        var cron = CronSchedule.Parse(expression);

        Assert.Empty(cron.Notes);
    }

    [Theory]
    [InlineData("60 0 * * *", "Minutes")]
    [InlineData("0 0 * JANX *", "Months")]
    [InlineData("0 0 0 * *", "Days of month")]
    [InlineData("0 0 * * *  2024", "not 6")]
    [InlineData("0 0 0 * * *", "not 6")]
    [InlineData("0 0 * *", "not 4")]
    [InlineData("@fortnightly", "Not a valid cron expression")]
    public void TryParse_Invalid_SaysWhy(string expression, string reason)
    {
        var parsed = CronSchedule.TryParse(expression, out var cron, out var problem);

        Assert.False(parsed);
        Assert.Null(cron);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_ExtraSpaces_AreNormalized()
    {
        var cron = CronSchedule.Parse("  0   9 *  * MON-FRI ");

        Assert.Equal("0 9 * * MON-FRI", cron.Expression);
    }

    [Fact]
    public void NextAfter_DayThatNeverExists_IsNull()
    {
        var cron = CronSchedule.Parse("0 0 30 2 *");

        Assert.Null(cron.NextAfter(Utc(2024, 1, 1, 0, 0), TimeZoneInfo.Utc));
    }

    [Fact]
    public void TimeZones_IanaNamesResolveWithInvariantGlobalization()
    {
        Assert.True(ScheduleTimeZones.TryFind("America/New_York", out var zone, out _));
        Assert.True(ScheduleTimeZones.TryFind("UTC", out var utc, out _));

        Assert.Equal("America/New_York", zone!.Id);
        Assert.Equal(TimeSpan.Zero, utc!.BaseUtcOffset);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Eastern Standard Time")]
    [InlineData("../../etc/passwd")]
    [InlineData("/usr/share/zoneinfo/UTC")]
    [InlineData("")]
    public void TimeZones_UnknownName_IsRefused(string name)
    {
        var found = ScheduleTimeZones.TryFind(name, out var zone, out var problem);

        Assert.False(found);
        Assert.Null(zone);
        Assert.NotNull(problem);
    }

    private static List<DateTimeOffset> Occurrences(
        CronSchedule cron, TimeZoneInfo zone, DateTimeOffset from, int count)
    {
        var occurrences = new List<DateTimeOffset>();
        var at = from;
        for (var index = 0; index < count; index++)
        {
            at = cron.NextAfter(at, zone)!.Value;
            occurrences.Add(at);
        }

        return occurrences;
    }

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);
}
