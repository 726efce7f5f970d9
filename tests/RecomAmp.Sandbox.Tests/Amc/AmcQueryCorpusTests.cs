using System.Globalization;
using System.Text.RegularExpressions;
using RecomAmp.Sandbox.Amc.Engine;

namespace RecomAmp.Sandbox.Tests.Amc;

/// <summary>Every query of amc/queries runs on the engine, with thresholds on, and returns plausible rows.</summary>
public sealed partial class AmcQueryCorpusTests(AmcEngineFixture fixture) : IClassFixture<AmcEngineFixture>
{
    private static readonly DateTime _windowStart = new(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime _windowEnd = new(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    public static TheoryData<string, string[]> Queries => new()
    {
        { "01_dsp_campaign_daily_performance.sql",
            ["activity_date", "campaign_id_string", "campaign", "impressions", "reach", "clicks", "spend", "ctr",
                "ecpm"] },
        { "02_sponsored_ads_daily_by_ad_product.sql",
            ["event_date_utc", "ad_product_type", "impressions", "clicks", "users_reached", "spend", "ctr_pct",
                "cpc"] },
        { "03_reach_and_frequency_buckets.sql",
            ["campaign", "frequency_bucket", "frequency_label", "users", "impressions", "avg_frequency"] },
        { "05_path_to_conversion.sql",
            ["path", "path_length", "users_on_path", "purchasing_users", "purchases", "sales", "user_purchase_rate"] },
        { "06_new_to_brand_by_campaign.sql",
            ["campaign_id_string", "campaign", "ad_product", "purchases", "ntb_purchases", "sales", "ntb_sales",
                "purchasers", "ntb_purchasers", "ntb_purchase_share"] },
        { "08_dsp_sponsored_ads_overlap.sql",
            ["exposure_group", "users", "impressions", "purchasers", "purchases", "sales", "purchase_rate"] },
        { "09_top_search_terms.sql",
            ["ad_product_type", "spend_rank", "search_term", "impressions", "clicks", "spend", "cpc", "purchases",
                "sales", "roas"] },
        { "11_hourly_day_of_week_performance.sql",
            ["day_of_week", "hour_of_day", "daypart", "impressions", "reach", "spend", "purchases", "sales",
                "purchases_per_mille"] },
        { "12_device_os_breakdown.sql",
            ["device_type", "operating_system", "impressions", "reach", "spend", "cpm", "purchases", "sales", "roas"] },
        { "14_creative_performance.sql",
            ["creative_id", "creative", "creative_size", "creative_type", "impressions", "measurable_impressions",
                "viewable_impressions", "viewability_rate", "clicks", "ctr"] },
        { "15_first_touch_attribution.sql",
            ["attribution_model", "campaign_id_string", "campaign", "ad_product", "credited_purchases", "units",
                "sales"] },
        { "17_linear_attribution.sql",
            ["attribution_model", "campaign_id_string", "campaign", "credited_conversions", "credited_sales",
                "conversions_touched"] },
        { "20_ntb_customers_by_month.sql",
            ["purchase_month", "customer_type", "customers", "purchases", "sales", "sales_per_customer"] },
        { "21_sponsored_ads_match_type_placement.sql",
            ["ad_product_label", "match_type", "placement_type", "impressions", "clicks", "spend", "ctr", "cpc",
                "purchases", "sales", "acos"] },
        { "24_audience_cart_abandoners.sql", ["user_id"] },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void Execute_CorpusQuery_ReturnsRowsWithItsColumns(string file, string[] expectedColumns)
    {
        var sql = Render(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "amc-queries", file)));

        var csv = fixture.Run(new AmcQueryRequest(sql, _windowStart, _windowEnd));

        Assert.Equal(expectedColumns, csv.Header);
        Assert.NotEmpty(csv.Rows);
        Assert.All(csv.Rows, row => Assert.Equal(expectedColumns.Length, row.Count));
        Assert.Equal(csv.Rows.Count, csv.Result.RowCount);
    }

    [Fact]
    public void Execute_DailyCampaignPerformance_GivesPlausibleNumbers()
    {
        var sql = File.ReadAllText(
            Path.Combine(AppContext.BaseDirectory, "amc-queries", "01_dsp_campaign_daily_performance.sql"));

        var csv = fixture.Run(new AmcQueryRequest(sql, _windowStart, _windowEnd));

        var dates = csv.Column("activity_date").Select(d => DateOnly.Parse(d, CultureInfo.InvariantCulture)).ToList();
        Assert.All(dates, d => Assert.InRange(d, DateOnly.FromDateTime(_windowStart),
            DateOnly.FromDateTime(_windowEnd.AddDays(-1))));
        Assert.All(csv.Column("ctr"), ctr => Assert.InRange(Number(ctr), 0, 1));
        Assert.All(csv.Column("ecpm"), ecpm => Assert.InRange(Number(ecpm), 2.5, 14.5));
        Assert.InRange(csv.Column("ctr").Average(Number), 0.01, 0.08);
        Assert.All(csv.Rows, row => Assert.True(Number(row[4]) >= 2, "every row reaches at least two users"));
    }

    /// <summary>Fills the <c>{{...}}</c> placeholders of the corpus with values that fit each file's header.</summary>
    private string Render(string sql)
    {
        var values = new Dictionary<string, string>
        {
            ["start_date"] = "2025-03-01",
            ["end_date"] = "2025-05-31",
            ["max_frequency"] = "5",
            ["lookback_days"] = "14",
            ["top_n"] = "10",
            ["min_clicks"] = "1",
            ["campaign_ids"] = QuotedList(CampaignIds()),
            ["asins"] = QuotedList(TrackedAsins()),
        };
        return Placeholder().Replace(sql, m => values[m.Groups[1].Value]);
    }

    private List<string> CampaignIds()
    {
        var csv = fixture.Run(new AmcQueryRequest(
            """
            SELECT campaign_id_string, COUNT(DISTINCT user_id) AS users FROM dsp_impressions GROUP BY 1
            UNION ALL
            SELECT campaign_id_string, COUNT(DISTINCT user_id) AS users FROM sponsored_ads_traffic GROUP BY 1
            """,
            _windowStart, _windowEnd, DisableAggregationControls: true));
        var ids = csv.Column("campaign_id_string").Order(StringComparer.Ordinal).ToList();
        return [.. ids.Take(3), .. ids.Skip(ids.Count - 3)];
    }

    private List<string> TrackedAsins()
    {
        var csv = fixture.Run(new AmcQueryRequest(
            "SELECT tracked_asin, COUNT(*) AS events FROM amazon_attributed_events_by_conversion_time GROUP BY 1",
            _windowStart, _windowEnd, DisableAggregationControls: true));
        return csv.Column("tracked_asin").Order(StringComparer.Ordinal).Take(5).ToList();
    }

    private static string QuotedList(IEnumerable<string> values) =>
        string.Join(", ", values.Select(v => "'" + v.Replace("'", "''", StringComparison.Ordinal) + "'"));

    private static double Number(string value) => double.Parse(value, CultureInfo.InvariantCulture);

    [GeneratedRegex("\\{\\{(\\w+)\\}\\}")]
    private static partial Regex Placeholder();
}
