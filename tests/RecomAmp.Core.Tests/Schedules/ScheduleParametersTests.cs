using RecomAmp.Core.Common;
using RecomAmp.Core.Schedules;
using static RecomAmp.Core.Tests.Schedules.ScheduleTestData;

namespace RecomAmp.Core.Tests.Schedules;

public sealed class ScheduleParametersTests
{
    private static readonly TimeZoneInfo LosAngeles =
        TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    [Fact]
    public void Resolve_RelativeDates_AreDatesInTheScheduleZone()
    {
        // 02:00 UTC on 1 January is still 31 December in Los Angeles.
        var parameters = Parameters("""{"start_date": "yesterday", "end_date": "today", "limit": 10}""");

        var resolved = ScheduleParameters.Resolve(
            parameters, LosAngeles, new DateTimeOffset(2024, 1, 1, 2, 0, 0, TimeSpan.Zero), dataLagDays: 0);

        Assert.Equal("2023-12-30", resolved["start_date"].GetString());
        Assert.Equal("2023-12-31", resolved["end_date"].GetString());
        Assert.Equal(10, resolved["limit"].GetInt32());
    }

    [Fact]
    public void Resolve_ZoneAheadOfUtc_UsesItsLaterDate()
    {
        var parameters = Parameters("""{"date": "today"}""");

        var resolved = ScheduleParameters.Resolve(
            parameters, Tokyo, new DateTimeOffset(2024, 2, 28, 20, 0, 0, TimeSpan.Zero), dataLagDays: 0);

        Assert.Equal("2024-02-29", resolved["date"].GetString());
    }

    [Fact]
    public void Resolve_DateRange_SetsStartAndEndAndIsRemoved()
    {
        var parameters = Parameters("""{"date_range": "last_month", "campaign": "today"}""");

        var resolved = ScheduleParameters.Resolve(
            parameters, TimeZoneInfo.Utc, Utc(2024, 3, 15, 9, 0), dataLagDays: 0);

        Assert.Equal(["campaign", "end_date", "start_date"], resolved.Keys.Order());
        Assert.Equal("2024-02-01", resolved["start_date"].GetString());
        Assert.Equal("2024-02-29", resolved["end_date"].GetString());
        Assert.Equal("today", resolved["campaign"].GetString());
    }

    [Fact]
    public void Resolve_DataLag_MovesTheWindowBackAcrossTheYearEnd()
    {
        var parameters = Parameters("""{"date_range": "last_7_days", "report_date": "end_of_last_month"}""");

        var resolved = ScheduleParameters.Resolve(
            parameters, TimeZoneInfo.Utc, Utc(2024, 1, 10, 9, 0), dataLagDays: 14);

        Assert.Equal("2023-12-20", resolved["start_date"].GetString());
        Assert.Equal("2023-12-26", resolved["end_date"].GetString());
        Assert.Equal("2023-11-30", resolved["report_date"].GetString());
    }

    [Fact]
    public void Resolve_LiteralDates_AreKept()
    {
        var parameters = Parameters("""{"start_date": "2024-01-01", "end_date": "2024-01-31T12:00:00"}""");

        var resolved = ScheduleParameters.Resolve(
            parameters, TimeZoneInfo.Utc, Utc(2024, 3, 1, 0, 0), dataLagDays: 3);

        Assert.Equal("2024-01-01", resolved["start_date"].GetString());
        Assert.Equal("2024-01-31T12:00:00", resolved["end_date"].GetString());
    }

    [Fact]
    public void Validate_UnknownExpressions_NameEachParameter()
    {
        var errors = new ValidationErrors();

        ScheduleParameters.Validate(errors, Parameters("""
            {"start_date": "the_other_day", "end_date": "last_month", "date_range": "next_week",
             "note": "whenever", "report_date": 5}
            """));

        var error = Assert.Throws<RequestValidationException>(errors.ThrowIfAny);
        Assert.Equal(
            ["parameters.date_range", "parameters.end_date", "parameters.start_date"],
            error.Errors!.Keys.Order());
        Assert.StartsWith("Unknown relative date 'the_other_day'; use a date (2024-01-31) or one of: today",
            error.Errors["parameters.start_date"][0], StringComparison.Ordinal);
        Assert.Contains(
            "give it as date_range", error.Errors["parameters.end_date"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DateRangeWithExplicitDates_IsRefused()
    {
        var errors = new ValidationErrors();

        var parameters = Parameters("""{"date_range": "last_week", "start_date": "today"}""");

        ScheduleParameters.Validate(errors, parameters);

        var error = Assert.Throws<RequestValidationException>(errors.ThrowIfAny);
        Assert.Equal(
            ["date_range sets start_date and end_date; leave those out"],
            error.Errors!["parameters.date_range"]);
    }

    [Fact]
    public void Validate_KnownWordsAndLiterals_Pass()
    {
        var errors = new ValidationErrors();

        ScheduleParameters.Validate(errors, Parameters("""
            {"start_date": "3 days ago", "end_date": "2024-05-01", "date": "End of last month", "limit": 5}
            """));

        Assert.True(errors.IsEmpty);
    }

}
