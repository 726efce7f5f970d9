using RecomAmp.Core.Schedules;

namespace RecomAmp.Core.Tests.Schedules;

public sealed class RelativeDatesTests
{
    [Theory]
    [InlineData("2024-03-15", "today", "2024-03-15")]
    [InlineData("2024-03-01", "yesterday", "2024-02-29")]
    [InlineData("2023-03-01", "yesterday", "2023-02-28")]
    [InlineData("2024-01-01", "yesterday", "2023-12-31")]
    [InlineData("2024-03-10", "7_days_ago", "2024-03-03")]
    [InlineData("2024-03-10", "1 day ago", "2024-03-09")]
    [InlineData("2024-03-10", "0-days-ago", "2024-03-10")]
    [InlineData("2025-01-03", "30 days ago", "2024-12-04")]
    [InlineData("2024-03-13", "start_of_week", "2024-03-11")]
    [InlineData("2024-03-17", "start_of_week", "2024-03-11")]
    [InlineData("2024-03-11", "start_of_week", "2024-03-11")]
    [InlineData("2024-03-13", "end_of_week", "2024-03-17")]
    [InlineData("2024-01-03", "start_of_last_week", "2023-12-25")]
    [InlineData("2024-01-03", "end_of_last_week", "2023-12-31")]
    [InlineData("2024-02-10", "start_of_month", "2024-02-01")]
    [InlineData("2024-02-10", "end_of_month", "2024-02-29")]
    [InlineData("2023-02-10", "end_of_month", "2023-02-28")]
    [InlineData("2024-12-31", "end_of_month", "2024-12-31")]
    [InlineData("2024-01-15", "start_of_last_month", "2023-12-01")]
    [InlineData("2024-01-15", "end_of_last_month", "2023-12-31")]
    [InlineData("2024-03-31", "end_of_last_month", "2024-02-29")]
    [InlineData("2100-03-01", "end_of_last_month", "2100-02-28")]
    [InlineData("2000-03-01", "end_of_last_month", "2000-02-29")]
    [InlineData("2024-03-31", "Start Of This Month", "2024-03-01")]
    [InlineData("2024-03-13", "START_OF_THIS_WEEK", "2024-03-11")]
    public void TryResolveDate_KnownWord_GivesTheDay(string reference, string text, string expected)
    {
        var resolved = RelativeDates.TryResolveDate(
            text, DateOnly.Parse(reference), out var date, out var problem);

        Assert.True(resolved, problem);
        Assert.Equal(DateOnly.Parse(expected), date);
    }

    [Theory]
    [InlineData("2024-03-15", "today", "2024-03-15", "2024-03-15")]
    [InlineData("2024-01-01", "yesterday", "2023-12-31", "2023-12-31")]
    [InlineData("2024-01-03", "last_7_days", "2023-12-27", "2024-01-02")]
    [InlineData("2024-03-01", "last_1_day", "2024-02-29", "2024-02-29")]
    [InlineData("2024-03-05", "last 30 days", "2024-02-04", "2024-03-04")]
    [InlineData("2024-01-10", "last_month", "2023-12-01", "2023-12-31")]
    [InlineData("2024-03-31", "last_month", "2024-02-01", "2024-02-29")]
    [InlineData("2023-03-01", "last_month", "2023-02-01", "2023-02-28")]
    [InlineData("2024-01-03", "last_week", "2023-12-25", "2023-12-31")]
    [InlineData("2024-01-03", "this_week", "2024-01-01", "2024-01-03")]
    [InlineData("2024-02-29", "this_month", "2024-02-01", "2024-02-29")]
    public void TryResolveRange_KnownWord_GivesBothDays(
        string reference, string text, string start, string end)
    {
        var resolved = RelativeDates.TryResolveRange(
            text, DateOnly.Parse(reference), out var first, out var last, out var problem);

        Assert.True(resolved, problem);
        Assert.Equal(DateOnly.Parse(start), first);
        Assert.Equal(DateOnly.Parse(end), last);
    }

    [Theory]
    [InlineData("tomorrow", "Unknown relative date 'tomorrow'")]
    [InlineData("last_fortnight", "Unknown relative date")]
    [InlineData("last_month", "is a range; give it as date_range")]
    [InlineData("last_7_days", "is a range")]
    [InlineData("4000_days_ago", "between 0 and 3650")]
    public void TryResolveDate_NotASingleDate_SaysWhy(string text, string reason)
    {
        var resolved = RelativeDates.TryResolveDate(text, new DateOnly(2024, 1, 1), out _, out var problem);

        Assert.False(resolved);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("last_0_days", "between 1 and 3650")]
    [InlineData("next_month", "Unknown date range 'next_month'")]
    [InlineData("start_of_month", "Unknown date range")]
    public void TryResolveRange_NotARange_SaysWhy(string text, string reason)
    {
        var resolved = RelativeDates.TryResolveRange(
            text, new DateOnly(2024, 1, 1), out _, out _, out var problem);

        Assert.False(resolved);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }
}
