using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RecomAmp.Sandbox.Amc.Engine;

namespace RecomAmp.Sandbox.Tests.Amc;

/// <summary>The engine's AMC rules: refusals, time windows, parameters, thresholds and determinism.</summary>
public sealed class AmcEngineTests(AmcEngineFixture fixture) : IClassFixture<AmcEngineFixture>
{
    private static readonly DateTime _start = new(2025, 4, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime _end = new(2025, 4, 8, 0, 0, 0, DateTimeKind.Utc);
    private static readonly string[] _staticSizes = ["300x250"];

    [Theory]
    [InlineData("SELECT * FROM dsp_impressions", "SELECT *", 1, 8)]
    [InlineData("SELECT campaign,\n  d.* FROM dsp_impressions d", "SELECT *", 2, 5)]
    [InlineData("SELECT campaign, COUNT(*) AS n FROM dsp_impressions GROUP BY 1\nLIMIT 10", "LIMIT", 2, 1)]
    [InlineData("SELECT campaign, SUM(impressions) AS n FROM dsp_impressions GROUP BY 1 ORDER BY 2", "ORDER BY", 1, 72)]
    [InlineData("SELECT a.campaign, COUNT(*) AS n FROM dsp_impressions a\n"
        + "  RIGHT JOIN dsp_clicks b ON a.request_tag = " +
        "b.request_tag GROUP BY 1", "RIGHT JOIN", 2, 3)]
    [InlineData("SELECT campaign, COUNT(*) AS n FROM dsp_impressions\nWHERE campaign = CUSTOM_PARAMETER('nope') " +
        "GROUP BY 1", "Undeclared parameter 'nope'", 2, 35)]
    public void Compile_RefusedConstruct_NamesItAndWhere(string sql, string named, int line, int column)
    {
        var error = Assert.Throws<AmcCompileException>(() => fixture.Engine.Compile(Request(sql)));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Contains($"line {line}, column {column}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_OrderByInsideWindowAndCte_IsAccepted()
    {
        const string sql = """
            WITH ranked AS (
              SELECT campaign, SUM(impressions) AS n FROM dsp_impressions GROUP BY 1 ORDER BY 2
            )
            SELECT campaign, n, ROW_NUMBER() OVER (ORDER BY n DESC) AS position FROM ranked
            """;

        fixture.Engine.Compile(Request(sql));
    }

    [Theory]
    [InlineData("SELECT user_id, COUNT(*) AS n FROM dsp_impressions GROUP BY 1", "user_id")]
    [InlineData("WITH u AS (SELECT user_id AS shopper FROM dsp_impressions) SELECT shopper, 1 AS one FROM u " +
        "GROUP BY 1", "user_id")]
    [InlineData("SELECT CAST(request_tag AS VARCHAR) AS tag, COUNT(*) AS n FROM dsp_impressions GROUP BY 1",
        "request_tag")]
    [InlineData("SELECT marketplace_id, COUNT(*) AS n FROM conversions_all GROUP BY 1", "INTERNAL")]
    public void Compile_VeryHighOrInternalColumnInOutput_IsRefused(string sql, string named)
    {
        var error = Assert.Throws<AmcCompileException>(() => fixture.Engine.Compile(Request(sql)));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_UserIdOnlyTestedInOutput_IsAccepted()
    {
        const string sql = "SELECT IF(user_id IS NULL, 'anonymous', 'known') AS kind, " +
            "COUNT(DISTINCT user_id) AS users " +
            "FROM dsp_impressions GROUP BY 1";

        fixture.Engine.Compile(Request(sql));
    }

    [Fact]
    public void Compile_AudienceQueryReturningMoreThanUserId_IsRefused()
    {
        const string sql =
            "SELECT user_id, tracked_asin FROM amazon_attributed_events_by_conversion_time_for_audiences";

        var error = Assert.Throws<AmcCompileException>(() => fixture.Engine.Compile(Request(sql)));

        Assert.Contains("only the user_id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_SyntaxError_GivesLineAndColumnOfTheOriginalText()
    {
        const string sql =
            "SELECT\n  NAMED_ROW('a', campaign) AS r,\n  COUNT(*) AS n\nFROM dsp_impressions\nGROUP BY 1 1";

        var error = Assert.Throws<AmcCompileException>(() => fixture.Engine.Compile(Request(sql)));

        Assert.Contains("Syntax error", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 5, column 12", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_UnknownColumn_IsRefusedWithDuckDbsReason()
    {
        var error = Assert.Throws<AmcCompileException>(() =>
            fixture.Engine.Compile(Request("SELECT no_such_column, COUNT(*) AS n FROM dsp_impressions GROUP BY 1")));

        Assert.Contains("no_such_column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_ReadingAFileOutsideTheResults_FailsWithPermissionError()
    {
        const string sql = "SELECT COUNT(*) AS n FROM read_csv('/etc/hostname')";

        var error = Assert.ThrowsAny<Exception>(() => fixture.Run(Request(sql, disableAggregationControls: true)));

        Assert.Contains("disabled by configuration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_TableIsCutToTheTimeWindow()
    {
        var csv = fixture.Run(Request(
            "SELECT MIN(impression_dt_utc) AS first_seen, MAX(impression_dt_utc) AS last_seen, " +
            "COUNT(DISTINCT user_id) AS users FROM dsp_impressions", disableAggregationControls: true));

        var first = Time(csv.Rows[0][0]);
        var last = Time(csv.Rows[0][1]);
        Assert.InRange(first, _start, _start.AddHours(2));
        Assert.InRange(last, _end.AddHours(-2), _end.AddTicks(-1));
    }

    [Fact]
    public void Execute_ExtendTimeWindow_WidensOnlyThatReference()
    {
        const string sql = """
            SELECT 'extended' AS source, MIN(impression_dt_utc) AS first_seen
            FROM TABLE(EXTEND_TIME_WINDOW('dsp_impressions', 'P14D', 'P0D'))
            UNION ALL
            SELECT 'plain' AS source, MIN(impression_dt_utc) AS first_seen FROM dsp_impressions
            """;

        var csv = fixture.Run(Request(sql, disableAggregationControls: true));

        var firsts = csv.Rows.ToDictionary(r => r[0], r => Time(r[1]));
        Assert.InRange(firsts["extended"], _start.AddDays(-14), _start.AddDays(-13));
        Assert.InRange(firsts["plain"], _start, _start.AddHours(2));
    }

    [Fact]
    public void Execute_CustomParameter_ReadsExecutionValueOverDefault()
    {
        const string sql = "SELECT impression_hour_utc AS hour, COUNT(*) AS impressions FROM dsp_impressions " +
            "WHERE impression_hour_utc = CUSTOM_PARAMETER('hour') AND ARRAY_CONTAINS(CUSTOM_PARAMETER('sizes'), " +
            "creative_size) GROUP BY 1";
        var declared = new[]
        {
            new AmcInputParameter("hour", "INTEGER", JsonSerializer.SerializeToElement(3)),
            new AmcInputParameter("sizes", "ARRAY", JsonSerializer.SerializeToElement(_staticSizes)),
        };
        var values = new Dictionary<string, JsonElement> { ["hour"] = JsonSerializer.SerializeToElement(17) };

        var csv = fixture.Run(new AmcQueryRequest(sql, _start, _end, declared, values));

        Assert.Equal("17", Assert.Single(csv.Rows)[0]);
    }

    [Fact]
    public void Execute_AmcFunctions_AreTranslated()
    {
        const string sql = """
            SELECT
              NAMED_ROW('day', DAYOFWEEK(CAST('2025-06-01' AS DATE)), 'today', CAST('today' AS DATE)) AS info,
              CARDINALITY(COLLECT(DISTINCT creative_size)) AS sizes,
              SUM(IF(CONTAINED_IN(creative_size, '300x250', '728x90'), 1, 0)) AS static_impressions,
              MAX(SECONDS_BETWEEN(impression_dt_utc, impression_dt_utc + INTERVAL 1 HOUR)) AS one_hour,
              NVL(MAX(deal_id), 'none') AS any_deal,
              BUILT_IN_PARAMETER('TIME_WINDOW_START') AS window_start
            FROM dsp_impressions
            """;

        var csv = fixture.Run(Request(sql, disableAggregationControls: true));

        var row = Assert.Single(csv.Rows);
        Assert.Equal("{'day': 1, 'today': 2025-06-15}", row[0]);
        Assert.Equal("3", row[1]);
        Assert.True(long.Parse(row[2], CultureInfo.InvariantCulture) > 0);
        Assert.Equal("3600", row[3]);
        Assert.Equal("2025-04-01 00:00:00", row[5]);
    }

    [Fact]
    public void Execute_SmallGroup_IsDroppedByThresholdUnlessControlsAreOff()
    {
        // One shopper's own row sits next to a row with thousands of users.
        const string sql = """
            WITH first_user AS (SELECT MIN(user_id) AS user_id FROM dsp_impressions)
            SELECT CASE WHEN d.user_id = (SELECT user_id FROM first_user) THEN 'tiny' ELSE 'everyone' END AS grp,
              COUNT(DISTINCT d.user_id) AS users
            FROM dsp_impressions d
            GROUP BY 1
            """;

        var filtered = fixture.Run(Request(sql));
        var unfiltered = fixture.Run(Request(sql, disableAggregationControls: true));

        Assert.Equal(["everyone"], filtered.Column("grp"));
        Assert.Equal(1, filtered.Result.FilteredRowCount);
        Assert.Equal(2, filtered.Result.UserThreshold);
        Assert.Equal(["everyone", "tiny"], unfiltered.Column("grp").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Execute_MediumColumnInOutput_RaisesThresholdTo100()
    {
        const string sql = "SELECT impression_dt_utc, COUNT(DISTINCT user_id) AS users FROM dsp_impressions GROUP BY 1";

        var csv = fixture.Run(Request(sql));

        Assert.Equal(100, csv.Result.UserThreshold);
        Assert.Empty(csv.Rows);
        Assert.True(csv.Result.FilteredRowCount > 0);
    }

    [Fact]
    public void Execute_SameSeedAndDay_GivesTheSameRows()
    {
        const string sql = "SELECT campaign, SUM(impressions) AS impressions, SUM(total_cost) AS cost, " +
            "COUNT(DISTINCT user_id) AS users FROM dsp_impressions GROUP BY 1";
        using var other = new AmcEngine(AmcEngineFixture.SmallData(), new FakeTimeProvider(AmcEngineFixture.Today),
            NullLogger<AmcEngine>.Instance, fixture.OutputRoot);
        var directory = Path.Combine(fixture.OutputRoot, Guid.NewGuid().ToString());

        var first = fixture.Run(Request(sql));
        var second = AmcCsv.Read(other.Execute(Request(sql), directory, 1_000_000, CancellationToken.None));

        Assert.Equal(Sorted(first), Sorted(second));
    }

    [Fact]
    public void Execute_JoinsFindRowsAcrossTables()
    {
        const string sql = """
            SELECT COUNT(*) AS clicks_matched, COUNT(DISTINCT v.impression_id) AS views_matched
            FROM dsp_clicks c
            JOIN dsp_impressions i ON i.request_tag = c.request_tag
            LEFT JOIN dsp_views v ON v.impression_id = i.request_tag
            """;

        var csv = fixture.Run(Request(sql, disableAggregationControls: true));

        Assert.True(long.Parse(csv.Rows[0][0], CultureInfo.InvariantCulture) > 10);
        Assert.True(long.Parse(csv.Rows[0][1], CultureInfo.InvariantCulture) > 5);
    }

    [Fact]
    public void Build_EveryTableOfTheSchema_HasRows()
    {
        var counts = fixture.Engine.Schema.Tables
            .Select(t => $"SELECT '{t.Name}' AS table_name, COUNT(*) AS n FROM {t.Name}")
            .Aggregate((a, b) => a + "\nUNION ALL\n" + b);

        var csv = fixture.Run(
            new AmcQueryRequest(counts, _start.AddMonths(-6), _end, DisableAggregationControls: true));

        Assert.Equal(fixture.Engine.Schema.Tables.Count, csv.Rows.Count);
        Assert.All(csv.Rows, r => Assert.True(long.Parse(r[1], CultureInfo.InvariantCulture) > 0, r[0]));
    }

    private static AmcQueryRequest Request(string sql, bool disableAggregationControls = false) =>
        new(sql, _start, _end, DisableAggregationControls: disableAggregationControls);

    private static DateTime Time(string value) =>
        DateTime.Parse(value, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static List<string> Sorted(AmcCsv csv) =>
        csv.Rows.Select(r => string.Join('|', r)).Order(StringComparer.Ordinal).ToList();
}
