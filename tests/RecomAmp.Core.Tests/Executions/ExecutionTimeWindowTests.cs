using System.Text.Json;
using RecomAmp.Core.Common;
using RecomAmp.Core.Executions;

namespace RecomAmp.Core.Tests.Executions;

public sealed class ExecutionTimeWindowTests
{
    [Fact]
    public void Resolve_Dates_StartAtMidnightAndEndAfterTheWholeEndDay()
    {
        var errors = new ValidationErrors();

        var window = ExecutionTimeWindow.Resolve(
            Parameters(("start_date", "2024-01-01"), ("end_date", "2024-01-31")), "America/New_York", errors);

        Assert.True(errors.IsEmpty);
        Assert.Equal(
            new ExecutionTimeWindow("2024-01-01T00:00:00", "2024-02-01T00:00:00", "America/New_York"), window);
    }

    [Fact]
    public void Resolve_LocalTimes_AreTakenAsTheyAre()
    {
        var errors = new ValidationErrors();

        var window = ExecutionTimeWindow.Resolve(
            Parameters(("start_date", "2024-03-10T01:30"), ("end_date", "2024-03-10T23:00:00")), "UTC", errors);

        Assert.Equal("2024-03-10T01:30:00", window!.Start);
        Assert.Equal("2024-03-10T23:00:00", window.End);
    }

    [Fact]
    public void Resolve_TimesWithAnOffset_AreConvertedToTheUsersZone()
    {
        var errors = new ValidationErrors();

        var window = ExecutionTimeWindow.Resolve(
            Parameters(("start_date", "2024-07-01T04:00:00Z"), ("end_date", "2024-07-02T00:00:00.750+02:00")),
            "America/New_York",
            errors);

        Assert.Equal("2024-07-01T00:00:00", window!.Start);
        Assert.Equal("2024-07-01T18:00:00", window.End);
    }

    [Fact]
    public void Resolve_UnknownZone_FallsBackToUtc()
    {
        var window = ExecutionTimeWindow.Resolve(
            Parameters(("start_date", "2024-01-01"), ("end_date", "2024-01-01")),
            "Mars/Olympus",
            new ValidationErrors());

        Assert.Equal("UTC", window!.TimeZone);
        Assert.Equal("2024-01-02T00:00:00", window.End);
    }

    [Fact]
    public void Resolve_Missing_NamesBothParameters()
    {
        var errors = new ValidationErrors();

        var window = ExecutionTimeWindow.Resolve(new Dictionary<string, JsonElement>(), "UTC", errors);

        Assert.Null(window);
        var failure = Assert.Throws<RequestValidationException>(errors.ThrowIfAny);
        Assert.Equal(["parameters.end_date", "parameters.start_date"], failure.Errors!.Keys.Order());
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2024-13-01")]
    [InlineData("01/02/2024")]
    [InlineData("2024-01-01T25:00:00")]
    public void Resolve_Malformed_IsAnErrorOnTheParameter(string value)
    {
        var errors = new ValidationErrors();

        var window = ExecutionTimeWindow.Resolve(
            Parameters(("start_date", value), ("end_date", "2024-02-01")), "UTC", errors);

        Assert.Null(window);
        var failure = Assert.Throws<RequestValidationException>(errors.ThrowIfAny);
        Assert.Equal(["parameters.start_date"], failure.Errors!.Keys);
    }

    [Fact]
    public void Resolve_NotAString_IsAnError()
    {
        var parameters = new Dictionary<string, JsonElement>
        {
            ["start_date"] = JsonSerializer.SerializeToElement(20240101),
            ["end_date"] = JsonSerializer.SerializeToElement("2024-02-01"),
        };
        var errors = new ValidationErrors();

        Assert.Null(ExecutionTimeWindow.Resolve(parameters, "UTC", errors));
        Assert.False(errors.IsEmpty);
    }

    [Fact]
    public void Resolve_EndNotAfterStart_IsAnErrorOnTheEnd()
    {
        var errors = new ValidationErrors();

        var window = ExecutionTimeWindow.Resolve(
            Parameters(("start_date", "2024-02-01T00:00:00"), ("end_date", "2024-01-31")), "UTC", errors);

        Assert.Null(window);
        var failure = Assert.Throws<RequestValidationException>(errors.ThrowIfAny);
        Assert.Equal(["parameters.end_date"], failure.Errors!.Keys);
    }

    private static Dictionary<string, JsonElement> Parameters(params (string Name, string Value)[] values) =>
        values.ToDictionary(v => v.Name, v => JsonSerializer.SerializeToElement(v.Value));
}
