using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RecomAmp.Sandbox.Amc.Engine;

/// <summary>
/// Writes the SQL that fills every table of the AMC schema with deterministic synthetic rows, generated inside
/// DuckDB from hashes of row numbers (no row-by-row inserts). Rows are coherent: one pool of shoppers and one
/// pool of campaigns (16 Amazon DSP, 12 Sponsored Products, 6 Sponsored Brands, 4 Sponsored Display, 2 Sponsored
/// Television) feed every table; clicks and views point at real impressions; attributed conversions, conversions
/// and conversions with relevance come from real traffic of the same shopper and campaign 0 to 13 days earlier.
/// Staging tables and pools live in schema <c>amc_base</c> next to the public tables.
/// </summary>
internal static partial class AmcSyntheticData
{
    public const string BaseSchema = "amc_base";
    public const int DspCampaignCount = 16;
    public const int CampaignCount = 40;
    private const string ProductTypes =
        "['sponsored_products', 'sponsored_brands', 'sponsored_display', 'sponsored_television']";

    private static readonly string[] _userColumns =
    [
        "user_id", "device_type", "operating_system", "os_version", "browser_family", "device_make",
        "device_model", "iso_country_code", "iso_state_province_code", "city_name", "postal_code", "dma_code",
        "device_id",
    ];

    private static readonly string[] _campaignColumns =
    [
        "campaign", "campaign_id", "campaign_id_string", "advertiser", "advertiser_id", "advertiser_timezone",
        "entity_id", "campaign_budget_amount", "campaign_primary_goal", "campaign_insertion_order_id",
        "campaign_flight_id", "line_item", "line_item_id", "line_item_budget_amount", "ad_group", "ad_group_status",
        "ad_group_type", "portfolio_id", "portfolio_name", "campaign_budget_type", "merchant_id", "targeting",
        "creative_asin", "deal_id", "brand", "ad_product_type",
    ];

    private static readonly Dictionary<string, string> _twins = new(StringComparer.Ordinal)
    {
        ["amazon_attributed_events_by_traffic_time"] = "amazon_attributed_events_by_conversion_time",
        ["dsp_impressions_by_user_segments"] = "dsp_impressions_by_matched_segments",
    };

    [GeneratedRegex("^(campaign|line_item|ad_group)_(start|end)_(date|dt)(_utc)?$")]
    private static partial Regex SetupDateColumn();

    /// <summary>Every statement, in order, that builds the pools, the staging tables and the AMC tables.</summary>
    public static IReadOnlyList<string> BuildStatements(AmcSchema schema, AmcDataOptions options, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(options);

        var n = Math.Max(1_000, options.EventsPerTable);
        var users = Math.Max(200, options.UserCount);
        var end = new DateTime(nowUtc.Year, nowUtc.Month, nowUtc.Day, nowUtc.Hour, 0, 0, DateTimeKind.Utc);
        var start = end.Date.AddMonths(-13);
        var spanSeconds = (long)(end - start).TotalSeconds;
        var statements = new List<string>
        {
            $"CREATE SCHEMA IF NOT EXISTS {BaseSchema}",
            $"CREATE OR REPLACE TEMP MACRO rnd(k, salt) AS " +
            $"(hash(k, hash(salt || '-{options.Seed}')) % 1000000007)::DOUBLE / 1000000007.0",
            "CREATE OR REPLACE TEMP MACRO ifloor(x) AS CAST(floor(x) AS BIGINT)",
            "CREATE OR REPLACE TEMP MACRO pick(choices, r) AS choices[1 + ifloor(r * len(choices))::INTEGER]",
            $"CREATE OR REPLACE TEMP MACRO event_ts(k, salt) AS TIMESTAMP '{Timestamp(start)}' " +
            $"+ INTERVAL 1 SECOND * ifloor(rnd(k, salt) * {spanSeconds})::BIGINT",
            $"CREATE OR REPLACE TEMP MACRO shopper(k, salt) AS ifloor(pow(rnd(k, salt), 1.4) * {users})::BIGINT",
            UsersPool(users, options.Seed),
            CampaignPool(options.Seed, start, end),
        };

        statements.AddRange(CoreTables(n, options.Seed, end));
        var built = new Dictionary<string, AmcTable>(StringComparer.Ordinal);
        foreach (var table in schema.Tables)
        {
            // Twin tables hold the same rows (AMC windows them on different columns); copying is much faster.
            var twin = _twins.GetValueOrDefault(table.Name);
            statements.Add(twin is not null && built.ContainsKey(twin)
                ? $"CREATE TABLE {table.Name} AS SELECT " +
                  $"{string.Join(", ", table.Fields.Select(f => $"\"{f.Name}\""))} FROM {twin}"
                : BuildTable(table, SpecFor(table.Name)));
            built[table.Name] = table;
        }

        return statements;
    }

    private static string UsersPool(int users, int seed) => $"""
        CREATE TABLE {BaseSchema}.pool_users AS
        SELECT uid,
          'amzn1.ad.' || upper(substr(md5('{seed}-user-' || uid), 1, 26)) AS user_id,
          'dev-' || substr(md5('{seed}-device-' || uid), 1, 20) AS device_id,
          CASE WHEN d < 5 THEN 'Phone' WHEN d < 8 THEN 'PC' WHEN d < 9 THEN 'Tablet' ELSE 'TV' END AS device_type,
          CASE WHEN d < 3 THEN 'Android' WHEN d < 5 THEN 'iOS' WHEN d < 7 THEN 'Windows' WHEN d < 8 THEN 'macOS'
               WHEN d < 9 THEN 'Fire OS' ELSE 'Fire TV OS' END AS operating_system,
          CASE WHEN d < 3 THEN pick(['13', '14'], rnd(uid, 'osv'))
               WHEN d < 5 THEN pick(['17.5', '18.1'], rnd(uid, 'osv'))
               WHEN d < 7 THEN '11' WHEN d < 8 THEN '14.6' ELSE '8' END AS os_version,
          CASE WHEN d < 3 THEN 'Android App' WHEN d < 5 THEN 'Safari'
               WHEN d < 8 THEN pick(['Chrome', 'Edge', 'Firefox'], rnd(uid, 'br')) ELSE 'Silk' END AS browser_family,
          CASE WHEN d < 3 THEN 'Samsung' WHEN d < 5 THEN 'Apple' WHEN d < 7 THEN pick(['Dell', 'HP', 'Lenovo'],
               rnd(uid, 'mk')) WHEN d < 8 THEN 'Apple' ELSE 'Amazon' END AS device_make,
          CASE WHEN d < 3 THEN 'Galaxy S23' WHEN d < 5 THEN 'iPhone 15' WHEN d < 8 THEN 'Desktop'
               WHEN d < 9 THEN 'Fire HD 10' ELSE 'Fire TV Stick 4K' END AS device_model,
          'US' AS iso_country_code,
          geo[1] AS iso_state_province_code, geo[2] AS city_name, geo[3] AS dma_code,
          geo[4] || lpad(CAST(ifloor(rnd(uid, 'zip') * 90) AS VARCHAR), 2, '0') AS postal_code
        FROM (
          SELECT range AS uid, ifloor(rnd(range, 'device') * 10)::INTEGER AS d,
            pick([['NY', 'New York', '501', '100'], ['CA', 'Los Angeles', '803', '900'],
                  ['IL', 'Chicago', '602', '606'], ['TX', 'Houston', '618', '770'],
                  ['WA', 'Seattle', '819', '981'], ['FL', 'Miami', '528', '331'],
                  ['GA', 'Atlanta', '524', '303'], ['MA', 'Boston', '506', '021']], rnd(range, 'geo')) AS geo
          FROM range({users})
        )
        """;

    private static string CampaignPool(int seed, DateTime start, DateTime end) => $"""
        CREATE TABLE {BaseSchema}.pool_campaigns AS
        SELECT idx AS campaign_idx,
          CASE WHEN idx < 16 THEN NULL WHEN idx < 28 THEN {ProductTypes}[1] WHEN idx < 34 THEN {ProductTypes}[2]
               WHEN idx < 38 THEN {ProductTypes}[3] ELSE {ProductTypes}[4] END AS ad_product_type,
          CASE WHEN idx < 16 THEN 'DSP' WHEN idx < 28 THEN 'SP' WHEN idx < 34 THEN 'SB' WHEN idx < 38 THEN 'SD'
               ELSE 'STV' END AS label,
          idx % 2 AS brand_idx,
          ['Sandbox Coffee Co', 'Sandbox Outdoor Gear'][1 + idx % 2] AS advertiser,
          ['Sandbox Coffee', 'Sandbox Outdoor'][1 + idx % 2] AS brand,
          [581200000001, 581200000002][1 + idx % 2]::BIGINT AS advertiser_id,
          'America/New_York' AS advertiser_timezone,
          'ENTITY1SANDBOX' AS entity_id,
          (CASE WHEN idx < 16 THEN 580000000000000 ELSE 320000000000000 END + {seed % 1000} * 1000 + idx * 7919)::BIGINT
            AS campaign_id,
          ['Awareness', 'Consideration', 'Conversion', 'Remarketing'][1 + idx % 4] AS goal,
          [['Whole Bean', 'Cold Brew', 'Espresso Pods', 'Mugs'], ['Tents', 'Backpacks', 'Headlamps', 'Hiking Boots']]
            [1 + idx % 2][1 + (idx // 2) % 4] AS product,
          TIMESTAMP '{Timestamp(start)}' - INTERVAL 1 DAY * (10 + idx * 3) AS campaign_start_ts,
          TIMESTAMP '{Timestamp(end)}' + INTERVAL 1 DAY * (30 + idx) AS campaign_end_ts,
          ((idx % 5) + 1) * 5000000000::BIGINT AS campaign_budget_amount
        FROM range({CampaignCount}) t(idx)
        """;

    private static IEnumerable<string> CoreTables(int n, int seed, DateTime end)
    {
        var endTs = $"TIMESTAMP '{Timestamp(end)}'";
        yield return $"""
            CREATE TABLE {BaseSchema}.campaigns AS
            SELECT *,
              campaign_id::VARCHAR AS campaign_id_string,
              CASE WHEN label = 'DSP' THEN 'DSP - ' || goal || ' - ' || product
                   ELSE label || ' - ' || CASE WHEN campaign_idx % 3 = 0 THEN 'Auto' ELSE 'Manual' END
                     || ' - ' || product END
                || ' ' || lpad((campaign_idx + 1)::VARCHAR, 2, '0') AS campaign,
              CASE WHEN label = 'DSP' THEN goal ELSE NULL END AS campaign_primary_goal,
              'IO-' || (campaign_id % 100000)::VARCHAR AS campaign_insertion_order_id,
              campaign_id + 11 AS campaign_flight_id,
              campaign_id + 1000 + (campaign_idx % 3) AS line_item_id,
              product || ' - ' || goal || ' line ' || (campaign_idx % 3 + 1)::VARCHAR AS line_item,
              campaign_budget_amount // 2 AS line_item_budget_amount,
              campaign_start_ts AS line_item_start_ts, campaign_end_ts AS line_item_end_ts,
              campaign_start_ts AS ad_group_start_ts, campaign_end_ts AS ad_group_end_ts,
              product || ' ad group ' || (campaign_idx % 2 + 1)::VARCHAR AS ad_group,
              'ENABLED' AS ad_group_status,
              CASE WHEN campaign_idx % 3 = 0 THEN 'AUTO' ELSE 'MANUAL' END AS ad_group_type,
              700000 + brand_idx AS portfolio_id,
              brand || ' portfolio' AS portfolio_name,
              'DAILY' AS campaign_budget_type,
              9100 + brand_idx AS merchant_id,
              CASE WHEN label IN ('SP', 'SB') THEN lower(product) ELSE 'audience: in-market ' || lower(product) END
                AS targeting,
              'B0SANDB' || lpad((brand_idx * 30 + campaign_idx % 10)::VARCHAR, 3, '0') AS creative_asin,
              CASE WHEN campaign_idx % 4 = 0 THEN 'deal-' || (campaign_idx * 13)::VARCHAR END AS deal_id
            FROM {BaseSchema}.pool_campaigns
            """;
        yield return $"""
            CREATE TABLE {BaseSchema}.core_dsp AS
            SELECT range AS k,
              CASE WHEN rnd(range, 'anon') < 0.01 THEN NULL ELSE shopper(range, 'u') END AS uid,
              ifloor(rnd(range, 'c') * {DspCampaignCount})::INTEGER AS campaign_idx,
              event_ts(range, 't') AS ts,
              ifloor(rnd(range, 'cr') * 3)::INTEGER AS creative_variant,
              'rt-' || md5('{seed}-imp-' || range) AS request_tag
            FROM range({n})
            """;
        yield return $"""
            CREATE TABLE {BaseSchema}.core_dsp_clicks AS
            SELECT *, ts + INTERVAL 1 SECOND * (5 + ifloor(rnd(k, 'clk_lag') * 600)::BIGINT) AS click_ts
            FROM {BaseSchema}.core_dsp WHERE rnd(k, 'clk') < 0.04
            """;
        yield return $"""
            CREATE TABLE {BaseSchema}.core_dsp_views AS
            SELECT *, ts + INTERVAL 1 SECOND * (1 + ifloor(rnd(k, 'view_lag') * 30)::BIGINT) AS view_ts,
              (rnd(k, 'measurable') < 0.93)::BIGINT AS measurable,
              (rnd(k, 'viewable') < 0.68)::BIGINT AS viewable
            FROM {BaseSchema}.core_dsp WHERE rnd(k, 'view') < 0.75
            """;
        yield return $"""
            CREATE TABLE {BaseSchema}.core_dsp_segments AS
            SELECT *, 400000 + ifloor(rnd(k, 'segment') * 60)::INTEGER AS segment_id
            FROM {BaseSchema}.core_dsp WHERE rnd(k, 'seg') < 0.25
            """;
        yield return $"""
            CREATE TABLE {BaseSchema}.core_dsp_video AS
            SELECT * FROM {BaseSchema}.core_dsp WHERE creative_variant = 2 AND rnd(k, 'video') < 0.8
            """;
        yield return $"""
            CREATE TABLE {BaseSchema}.core_sa AS
            SELECT range AS k,
              shopper(range, 'sa_u') AS uid,
              {DspCampaignCount} + ifloor(rnd(range, 'sa_c') * {CampaignCount - DspCampaignCount})::INTEGER
                AS campaign_idx,
              event_ts(range, 'sa_t') AS ts,
              rnd(range, 'click') < 0.08 AS is_click,
              'sa-' || md5('{seed}-sa-' || range) AS event_id,
              pick(['EXACT', 'PHRASE', 'BROAD', 'TARGETING_EXPRESSION'], rnd(range, 'match')) AS match_kind,
              pick(['Top of Search on-Amazon', 'Detail Page on-Amazon', 'Other on-Amazon', 'Off Amazon'],
                rnd(range, 'placement')) AS placement,
              pick(['cold brew coffee', 'whole bean coffee', 'espresso pods', 'coffee mug', 'dark roast coffee',
                    'camping tent', '2 person tent', 'hiking backpack', 'headlamp rechargeable', 'hiking boots men',
                    'coffee gift set', 'decaf coffee', 'ultralight tent', 'waterproof backpack', 'trail shoes',
                    'french press coffee', 'k cups variety', 'tent footprint', 'camping lantern', 'travel mug'],
                pow(rnd(range, 'term'), 1.3)) AS search_term
            FROM range({n})
            """;
        yield return $"""
            CREATE TABLE {BaseSchema}.core_attributed AS
            WITH traffic AS (
              SELECT k * 2 AS key, uid, campaign_idx, ts, 0 AS via_click, request_tag AS traffic_event_id,
                NULL::VARCHAR AS match_kind, NULL::VARCHAR AS placement, NULL::VARCHAR AS search_term, creative_variant
              FROM {BaseSchema}.core_dsp
              WHERE uid IS NOT NULL AND rnd(k, 'attr') < 0.08
              UNION ALL
              SELECT k * 2 + 1, s.uid, s.campaign_idx, s.ts, s.is_click::INTEGER, s.event_id, s.match_kind, s.placement,
                s.search_term, 0
              FROM {BaseSchema}.core_sa s
              WHERE rnd(k, 'sa_attr') < CASE WHEN s.is_click THEN 0.4 ELSE 0.06 END
            ),
            shaped AS (
              SELECT t.*,
                t.ts + INTERVAL 1 SECOND * ifloor(rnd(key, 'lag') * 13 * 86400)::BIGINT AS conv_ts,
                CASE WHEN rnd(key, 'subtype') < 0.5 THEN 'order' WHEN rnd(key, 'subtype') < 0.8 THEN 'shoppingCart'
                     ELSE 'detailPageView' END AS subtype,
                rnd(key, 'ntb') < 0.35 AS ntb,
                rnd(key, 'halo') < 0.2 AS halo,
                'B0SANDB' || lpad(((campaign_idx % 2) * 30 + ifloor(rnd(key, 'asin') * 10))::VARCHAR, 3, '0')
                  AS tracked_asin,
                1 + ifloor(rnd(key, 'units') * 3)::BIGINT AS unit_count,
                round(8 + rnd(key, 'price') * 60, 2) AS unit_price
              FROM traffic t
            )
            SELECT key AS k, *,
              (subtype = 'order')::BIGINT AS purchases,
              CASE WHEN subtype = 'order' THEN unit_count ELSE 0 END AS units,
              CASE WHEN subtype = 'order' THEN unit_count * unit_price ELSE 0 END AS sales,
              (subtype = 'shoppingCart')::BIGINT AS atc,
              (subtype = 'detailPageView')::BIGINT AS dpv,
              'cv-' || md5('{seed}-conv-' || key) AS conversion_id
            FROM shaped
            WHERE conv_ts <= {endTs}
            """;
        yield return $"""
            CREATE TABLE {BaseSchema}.core_conversions AS
            SELECT k, uid, conv_ts AS ts, conversion_id, subtype, ntb, tracked_asin, purchases, units, sales,
              unit_price, campaign_idx
            FROM {BaseSchema}.core_attributed
            UNION ALL
            SELECT 1000000000 + range, shopper(range, 'cu'), event_ts(range, 'ct'),
              'cv-' || md5('{seed}-organic-' || range),
              CASE WHEN rnd(range, 'st') < 0.5 THEN 'order' WHEN rnd(range, 'st') < 0.8 THEN 'shoppingCart'
                   ELSE 'detailPageView' END,
              rnd(range, 'ntb') < 0.3,
              'B0SANDB' || lpad(ifloor(rnd(range, 'asin') * 60)::VARCHAR, 3, '0'),
              0, 0, 0, round(8 + rnd(range, 'price') * 60, 2), ifloor(rnd(range, 'c') * {CampaignCount})::INTEGER
            FROM range({n / 10})
            """;
        yield return $"""
            CREATE TABLE {BaseSchema}.core_people AS
            SELECT range AS k, shopper(range, 'people_u') AS uid, event_ts(range, 'people_t') AS ts,
              ifloor(rnd(range, 'people_c') * {CampaignCount})::INTEGER AS campaign_idx
            FROM range({n / 5})
            """;
        yield return $"""
            CREATE TABLE {BaseSchema}.core_segment_metadata AS
            SELECT range AS k, {endTs} AS ts, 400000 + range::INTEGER AS segment_id
            FROM range(60)
            """;
    }

    private static AmcSyntheticTableSpec SpecFor(string table)
    {
        var none = new Dictionary<string, string>();
        return table switch
        {
            "dsp_impressions" or "dsp_impressions_by_matched_segments" or "dsp_impressions_by_user_segments"
                or "dsp_video_events_feed" => new(table,
                    table switch
                    {
                        "dsp_video_events_feed" => "core_dsp_video",
                        "dsp_impressions" => "core_dsp",
                        _ => "core_dsp_segments",
                    },
                    ["request_tag"], Prefixes(("impression", "ts")), DspOverrides(table)),
            "dsp_clicks" => new(table, "core_dsp_clicks", ["request_tag"],
                Prefixes(("click", "click_ts"), ("impression", "ts")),
                new Dictionary<string, string>(DspOverrides(table))
                {
                    ["clicks"] = "1",
                    ["click_cost"] = "ifloor(rnd(r.k, 'click_cost') * 40000)",
                }),
            "dsp_views" => new(table, "core_dsp_views", [], Prefixes(("event", "view_ts")),
                new Dictionary<string, string>(DspOverrides(table))
                {
                    ["impression_id"] = "r.request_tag",
                    ["events"] = "1",
                    ["event_type"] = "'VIEW'",
                    ["viewable_impressions"] = "r.viewable",
                    ["measurable_impressions"] = "r.measurable",
                    ["unmeasurable_viewable_impressions"] = "(r.measurable = 0 AND r.viewable = 1)::BIGINT",
                    ["view_definition"] = "'MRC'",
                }),
            "sponsored_ads_traffic" => new(table, "core_sa", ["event_id"], Prefixes(("event", "ts")), SaOverrides()),
            "amazon_attributed_events_by_conversion_time" or "amazon_attributed_events_by_traffic_time" => new(
                table, "core_attributed", ["traffic_event_id"],
                Prefixes(("conversion_event", "conv_ts"), ("traffic_event", "ts"), ("impression", "ts"),
                    ("click", "ts")),
                AttributedOverrides(), AttributedMetrics: true),
            "conversions" or "conversions_all" => new(table, "core_conversions", ["conversion_id"],
                Prefixes(("event", "ts")), ConversionOverrides(), HasCampaign: false),
            "conversions_with_relevance" => new(table, "core_attributed", ["conversion_id"],
                Prefixes(("event", "conv_ts")),
                new Dictionary<string, string>(ConversionOverrides())
                {
                    ["engagement_scope"] = "CASE WHEN r.halo THEN 'BRAND_HALO' ELSE 'PROMOTED' END",
                    ["halo_code"] = "CASE WHEN r.halo THEN 'BRAND_HALO' ELSE 'PROMOTED' END",
                    ["conversions"] = "1",
                }),
            "amazon_retail_purchases" => new(table, "core_people", [], Prefixes(("purchase", "ts")),
                new Dictionary<string, string>
                {
                    ["asin"] = AsinExpression("r.k"),
                    ["asin_brand"] = "pick(['Sandbox Coffee', 'Sandbox Outdoor', 'Other Brand'], rnd(r.k, 'ab'))",
                    ["asin_name"] = "'Sandbox product ' || ifloor(rnd(r.k, 'asin') * 60)::VARCHAR",
                    ["asin_parent"] = "'B0PARENT' || lpad(ifloor(rnd(r.k, 'asin') * 20)::VARCHAR, 2, '0')",
                    ["purchase_month_utc"] = "month(r.ts)",
                    ["purchase_units_sold"] = "1 + ifloor(rnd(r.k, 'units') * 3)",
                    ["unit_price"] = "round(5 + rnd(r.k, 'price') * 80, 2)",
                    ["is_business_flag"] = "rnd(r.k, 'biz') < 0.05",
                    ["is_gift_flag"] = "rnd(r.k, 'gift') < 0.08",
                    ["marketplace_id"] = "1",
                    ["marketplace_name"] = "'AMAZON.COM'",
                }, HasCampaign: false),
            "audience_segments_amer_inmarket" => new(table, "core_people", [], none,
                new Dictionary<string, string>
                {
                    ["segment_id"] = "400000 + ifloor(rnd(r.k, 'segment') * 60)::INTEGER",
                    ["segment_name"] = SegmentName("ifloor(rnd(r.k, 'segment') * 60)::INTEGER"),
                    ["segment_marketplace_id"] = "1",
                    ["snapshot_datetime"] = "CAST(date_trunc('week', r.ts) AS DATE)",
                }, HasCampaign: false),
            "segment_metadata" => new(table, "core_segment_metadata", ["segment_id"], none,
                new Dictionary<string, string>
                {
                    ["segment_name"] = SegmentName("(r.segment_id - 400000)"),
                    ["segment_description"] = "'Shoppers in market for ' || " + SegmentTopic("(r.segment_id - 400000)"),
                    ["segment_marketplace_id"] = "1",
                    ["category_level_1"] = "'In-market'",
                    ["category_level_2"] = SegmentTopic("(r.segment_id - 400000)"),
                    ["category_path"] = "'In-market > ' || " + SegmentTopic("(r.segment_id - 400000)"),
                }, HasCampaign: false, HasUser: false),
            "amazon_pvc_streaming_events_feed" => new(table, "core_people", [], Prefixes(("pv_playback", "ts")),
                new Dictionary<string, string>
                {
                    ["pv_seconds_viewed"] = "round(60 + rnd(r.k, 'secs') * 5400, 0)",
                    ["pv_gti_title_name"] = "pick(['Mountain Trails', 'Coffee Stories', 'The Long Hike', " +
                        "'Roast Masters'], rnd(r.k, 'title'))",
                    ["pv_gti_cast"] = "['Alex Doe', 'Sam Roe']",
                    ["pv_gti_director"] = "['Jo Poe']",
                    ["pv_gti_genre"] = "[pick(['Drama', 'Comedy', 'Documentary'], rnd(r.k, 'genre'))]",
                }, HasCampaign: false),
            _ => new(table, "core_people", [], Prefixes(("event", "ts")), none, HasCampaign: false),
        };
    }

    private static string BuildTable(AmcTable table, AmcSyntheticTableSpec spec)
    {
        var sql = new StringBuilder();
        sql.Append("CREATE TABLE ").Append(table.Name).Append(" AS SELECT ");
        var first = true;
        foreach (var field in table.Fields)
        {
            if (!first)
            {
                sql.Append(",\n  ");
            }

            first = false;
            sql.Append("CAST(").Append(ColumnExpression(spec, field)).Append(" AS ").Append(field.DuckDbType)
                .Append(") AS \"").Append(field.Name).Append('"');
        }

        sql.Append("\nFROM ").Append(BaseSchema).Append('.').Append(spec.CoreTable).Append(" r");
        if (spec.HasUser)
        {
            sql.Append("\nLEFT JOIN ").Append(BaseSchema).Append(".pool_users u ON u.uid = r.uid");
        }

        if (spec.HasCampaign)
        {
            sql.Append("\nLEFT JOIN ").Append(BaseSchema).Append(".campaigns c ON c.campaign_idx = r.campaign_idx");
        }

        return sql.ToString();
    }

    private static string ColumnExpression(AmcSyntheticTableSpec spec, AmcField field)
    {
        var name = field.Name;
        if (spec.Overrides.TryGetValue(name, out var expression))
        {
            return expression;
        }

        if (spec.CoreColumns.Contains(name))
        {
            return "r." + name;
        }

        var time = TimeExpression(spec, name);
        if (time is not null)
        {
            return time;
        }

        if (spec.HasCampaign)
        {
            var setup = SetupDateColumn().Match(name);
            if (setup.Success)
            {
                return $"c.{setup.Groups[1].Value}_{setup.Groups[2].Value}_ts";
            }

            if (Array.IndexOf(_campaignColumns, name) >= 0)
            {
                return "c." + name;
            }
        }

        if (spec.HasUser && Array.IndexOf(_userColumns, name) >= 0)
        {
            return "u." + name;
        }

        if (spec.AttributedMetrics && field.IsMetric)
        {
            return AttributedMetric(name, field.DuckDbType);
        }

        return AmcSyntheticVocabulary.Values.TryGetValue(name, out var values)
            ? $"pick([{string.Join(", ", values.Select(Quote))}], rnd(r.k, '{name}'))"
            : FallbackExpression(field);
    }

    private static string? TimeExpression(AmcSyntheticTableSpec spec, string name)
    {
        foreach (var (prefix, column) in spec.TimePrefixes)
        {
            if (!name.StartsWith(prefix + "_", StringComparison.Ordinal))
            {
                continue;
            }

            var rest = name[(prefix.Length + 1)..];
            var utc = rest.EndsWith("_utc", StringComparison.Ordinal);
            if (utc)
            {
                rest = rest[..^4];
            }

            // The advertiser's time zone is America/New_York; a fixed five-hour offset is close enough here.
            var ts = utc ? "r." + column : $"(r.{column} - INTERVAL 5 HOUR)";
            var derived = rest switch
            {
                "dt" => ts,
                "date" => $"CAST({ts} AS DATE)",
                "day" => $"dayofmonth({ts})",
                "hour" => $"hour({ts})",
                "dt_hour" => $"date_trunc('hour', {ts})",
                _ => null,
            };
            if (derived is not null)
            {
                return derived;
            }
        }

        return null;
    }

    private static string AttributedMetric(string name, string type)
    {
        var rest = name;
        var scope = "1";
        if (rest.StartsWith("new_to_brand_", StringComparison.Ordinal))
        {
            scope = "r.ntb::INTEGER";
            rest = rest["new_to_brand_".Length..];
        }

        var share = "(1 - r.halo::INTEGER)";
        if (rest.StartsWith("total_", StringComparison.Ordinal))
        {
            share = "1";
            rest = rest["total_".Length..];
        }
        else if (rest.StartsWith("brand_halo_", StringComparison.Ordinal))
        {
            share = "r.halo::INTEGER";
            rest = rest["brand_halo_".Length..];
        }

        var channel = "1";
        if (rest.EndsWith("_clicks", StringComparison.Ordinal))
        {
            channel = "r.via_click";
            rest = rest[..^"_clicks".Length];
        }
        else if (rest.EndsWith("_views", StringComparison.Ordinal))
        {
            channel = "(1 - r.via_click)";
            rest = rest[..^"_views".Length];
        }

        var value = rest switch
        {
            "purchases" => "r.purchases",
            "units_sold" => "r.units",
            "product_sales" or "combined_sales" => "r.sales",
            "add_to_cart" => "r.atc",
            "detail_page_view" => "r.dpv",
            "conversions" => "1",
            "impressions" => "(1 - r.via_click)",
            "clicks" => "r.via_click",
            "purchase_unit_price" => "r.unit_price",
            _ => null,
        };

        if (value is null)
        {
            return FeeOrZero(name, type);
        }

        return $"{value} * {scope} * {share} * {channel}";
    }

    private static string FeeOrZero(string name, string type) =>
        name.EndsWith("_fee", StringComparison.Ordinal) || name.EndsWith("_fees", StringComparison.Ordinal)
            ? $"ifloor(rnd(r.k, '{name}') * 20000)"
            : type.StartsWith("DECIMAL", StringComparison.Ordinal) ? "0" : "0";

    private static string FallbackExpression(AmcField field)
    {
        var name = field.Name;
        var r = $"rnd(r.k, '{name}')";
        if (field.DuckDbType.EndsWith("[]", StringComparison.Ordinal))
        {
            return field.DuckDbType.StartsWith("VARCHAR", StringComparison.Ordinal)
                ? $"['{name}_' || ifloor({r} * 4)::VARCHAR]"
                : $"[400000 + ifloor({r} * 60)::BIGINT, 400000 + ifloor(rnd(r.k, '{name}2') * 60)::BIGINT]";
        }

        return field.DuckDbType switch
        {
            "BOOLEAN" => name == "no_3p_trackers" ? "false" : $"{r} < 0.5",
            "VARCHAR" => field.Threshold is AmcThresholdClass.VeryHigh or AmcThresholdClass.Internal
                ? $"'{name}-' || substr(md5('{name}' || r.k::VARCHAR), 1, 16)"
                : $"'{name}_' || (1 + ifloor({r} * 5))::VARCHAR",
            "BIGINT" when field.IsMetric => name.EndsWith("_fee", StringComparison.Ordinal)
                || name.EndsWith("_fees", StringComparison.Ordinal) || name == "supply_cost"
                    ? $"ifloor({r} * 20000)"
                    : $"({r} < 0.3)::BIGINT",
            "BIGINT" => $"100000 + ifloor({r} * 50)",
            "INTEGER" => $"ifloor({r} * 100)",
            "DOUBLE" => r,
            "DATE" => "CAST(r.ts AS DATE)",
            "TIMESTAMP" => "r.ts",
            _ when field.DuckDbType.StartsWith("DECIMAL", StringComparison.Ordinal) => $"round({r} * 100, 2)",
            _ => throw new InvalidOperationException($"No synthetic value for type {field.DuckDbType} of {name}."),
        };
    }

    private static Dictionary<string, string> DspOverrides(string table)
    {
        var overrides = new Dictionary<string, string>
        {
            ["impressions"] = "1",
            ["user_id"] = "u.user_id",
            ["total_cost"] = "round(250 + rnd(r.k, 'cost') * 1200, 2)",
            ["impression_cost"] = "ifloor(250 + rnd(r.k, 'cost') * 1200)",
            ["supply_cost"] = "ifloor((150 + rnd(r.k, 'cost') * 900) * 1000)",
            ["bid_price"] = "ifloor((300 + rnd(r.k, 'bid') * 900) * 1000)",
            ["creative_id"] = "c.campaign_id * 10 + r.creative_variant",
            ["creative"] =
                "c.product || ' ' || ['Static 300x250', 'Static 728x90', 'Video 15s'][1 + r.creative_variant]",
            ["creative_size"] = "['300x250', '728x90', '1920x1080'][1 + r.creative_variant]",
            ["ad_slot_size"] = "['300x250', '728x90', '1920x1080'][1 + r.creative_variant]",
            ["creative_type"] = "['Display', 'Display', 'Video'][1 + r.creative_variant]",
            ["creative_category"] = "['STANDARD_DISPLAY', 'STANDARD_DISPLAY', 'VIDEO'][1 + r.creative_variant]",
            ["creative_duration"] = "[0, 0, 15][1 + r.creative_variant]",
            ["segment_marketplace_id"] = "1",
            ["is_amazon_owned"] = "rnd(r.k, 'owned') < 0.4",
            ["placement_view_rate"] = "round(0.4 + rnd(r.k, 'pvr') * 0.5, 4)",
            ["supply_source_view_rate"] = "round(0.45 + rnd(r.k, 'svr') * 0.4, 4)",
            ["user_behavior_segment_ids"] =
                "[400000 + ifloor(rnd(r.uid, 'useg1') * 60)::INTEGER, " +
                "400000 + ifloor(rnd(r.uid, 'useg2') * 60)::INTEGER]",
            ["matched_behavior_segment_ids"] = "[400000 + ifloor(rnd(r.uid, 'useg1') * 60)::INTEGER]",
            ["supply_source_id"] = "5000 + ifloor(rnd(r.k, 'supply_source') * 5)",
            ["currency_iso_code"] = "'USD'",
            ["currency_name"] = "'US Dollar'",
        };
        if (table.EndsWith("_segments", StringComparison.Ordinal))
        {
            overrides["behavior_segment_id"] = "r.segment_id";
            overrides["behavior_segment_name"] = SegmentName("(r.segment_id - 400000)");
            overrides["behavior_segment_description"] = "'Shoppers in market for ' || "
                + SegmentTopic("(r.segment_id - 400000)");
            overrides["behavior_segment_matched"] = "1";
        }

        if (table == "dsp_video_events_feed")
        {
            overrides["video_impression"] = "1";
            overrides["video_start"] = "(rnd(r.k, 'v0') < 0.9)::BIGINT";
            overrides["video_first_quartile"] = "(rnd(r.k, 'v0') < 0.75)::BIGINT";
            overrides["video_midpoint"] = "(rnd(r.k, 'v0') < 0.6)::BIGINT";
            overrides["video_third_quartile"] = "(rnd(r.k, 'v0') < 0.5)::BIGINT";
            overrides["video_complete"] = "(rnd(r.k, 'v0') < 0.42)::BIGINT";
            overrides["video_click"] = "(rnd(r.k, 'vc') < 0.01)::BIGINT";
            overrides["video_creative_view"] = "1";
        }

        return overrides;
    }

    private static Dictionary<string, string> SaOverrides() => new()
    {
        ["impressions"] = "(NOT r.is_click)::BIGINT",
        ["clicks"] = "r.is_click::BIGINT",
        ["spend"] = "CASE WHEN r.is_click THEN ifloor((40 + rnd(r.k, 'cpc') * 160) * 1000000) ELSE 0 END",
        ["viewable_impressions"] = "(NOT r.is_click AND rnd(r.k, 'viewable') < 0.7)::BIGINT",
        ["customer_search_term"] = "CASE WHEN c.label IN ('SP', 'SB') THEN r.search_term END",
        ["match_type"] = "CASE WHEN c.label IN ('SP', 'SB') AND c.ad_group_type = 'MANUAL' THEN r.match_kind END",
        ["placement_type"] = "CASE WHEN c.label = 'STV' THEN 'Off Amazon' WHEN c.label = 'SD' THEN " +
            "pick(['Detail Page on-Amazon', 'Off Amazon'], rnd(r.k, 'sdp')) ELSE r.placement END",
        ["creative"] = "c.product || ' ' || c.label || ' creative'",
        ["creative_type"] = "CASE WHEN c.label IN ('SB', 'STV') THEN 'video' ELSE 'product_ad' END",
        ["five_sec_views"] = "(c.label IN ('SB', 'STV') AND NOT r.is_click AND rnd(r.k, 'v5') < 0.4)::BIGINT",
        ["video_first_quartile_views"] = "(c.label = 'STV' AND rnd(r.k, 'vq') < 0.8)::BIGINT",
        ["video_midpoint_views"] = "(c.label = 'STV' AND rnd(r.k, 'vq') < 0.6)::BIGINT",
        ["video_third_quartile_views"] = "(c.label = 'STV' AND rnd(r.k, 'vq') < 0.5)::BIGINT",
        ["video_complete_views"] = "(c.label = 'STV' AND rnd(r.k, 'vq') < 0.4)::BIGINT",
        ["video_unmutes"] = "(c.label = 'STV' AND rnd(r.k, 'vu') < 0.1)::BIGINT",
        ["unmeasurable_viewable_impressions"] = "0",
        ["matched_behavior_segment_ids"] = "NULL",
        ["line_item_price_type"] = "'CPC'",
    };

    private static Dictionary<string, string> AttributedOverrides() => new(DspOverrides("attributed"))
    {
        ["ad_product_type"] = "c.ad_product_type",
        ["user_id"] = "u.user_id",
        ["conversion_event_subtype"] = "r.subtype",
        ["conversion_event_category"] = ConversionCategory,
        ["conversion_event_type"] = "'Conversion'",
        ["conversion_event_type_class"] = "'Website'",
        ["conversion_event_type_description"] = "'Amazon ' || r.subtype",
        ["conversion_event_name"] = "r.subtype",
        ["conversion_event_source_name"] = "'AMAZON'",
        ["traffic_event_type"] = "CASE WHEN r.via_click = 1 THEN 'CLICK' ELSE 'IMPRESSION' END",
        ["traffic_event_subtype"] = "CASE WHEN c.label = 'DSP' THEN 'AD_IMP' WHEN r.via_click = 1 THEN 'AD_CLICK' " +
            "ELSE 'AD_IMP' END",
        ["new_to_brand"] = "r.ntb",
        ["tracked_asin"] = "r.tracked_asin",
        ["tracked_item"] = "r.tracked_asin",
        ["customer_search_term"] = "CASE WHEN c.label IN ('SP', 'SB') THEN r.search_term END",
        ["match_type"] = "CASE WHEN c.label IN ('SP', 'SB') AND c.ad_group_type = 'MANUAL' THEN r.match_kind END",
        ["placement_type"] = "CASE WHEN c.label = 'DSP' THEN NULL WHEN c.label = 'STV' THEN 'Off Amazon' " +
            "WHEN c.label = 'SD' THEN 'Detail Page on-Amazon' ELSE r.placement END",
        ["total_cost"] = "0",
        ["impression_cost"] = "0",
        ["click_cost"] = "0",
        ["supply_cost"] = "0",
        ["bid_price"] = "CASE WHEN c.label = 'DSP' THEN ifloor((300 + rnd(r.k, 'bid') * 900) * 1000) END",
        ["purchase_currency"] = "'USD'",
    };

    private static Dictionary<string, string> ConversionOverrides() => new()
    {
        ["conversions"] = "1",
        ["event_category"] = ConversionCategory,
        ["event_subtype"] = "r.subtype",
        ["event_type"] = "'Conversion'",
        ["event_type_class"] = "'Website'",
        ["event_type_description"] = "'Amazon ' || r.subtype",
        ["conversion_event_name"] = "r.subtype",
        ["conversion_event_source_name"] = "'AMAZON'",
        ["conversion_event_source"] = "'AMAZON'",
        ["new_to_brand"] = "r.ntb",
        ["tracked_asin"] = "r.tracked_asin",
        ["tracked_item"] = "r.tracked_asin",
        ["total_units_sold"] = "r.units",
        ["total_product_sales"] = "r.sales",
        ["combined_sales"] = "r.sales",
        ["purchase_unit_price"] = "r.unit_price",
        ["off_amazon_conversion_value"] = "0",
        ["off_amazon_product_sales"] = "0",
        ["marketplace_id"] = "1",
        ["marketplace_name"] = "'AMAZON.COM'",
        ["purchase_currency"] = "'USD'",
    };

    private const string ConversionCategory =
        "CASE r.subtype WHEN 'order' THEN 'purchase' WHEN 'shoppingCart' THEN 'add_to_cart' " +
        "ELSE 'detail_page_view' END";

    private static string AsinExpression(string key) =>
        $"'B0SANDB' || lpad(ifloor(rnd({key}, 'asin') * 60)::VARCHAR, 3, '0')";

    private static string SegmentTopic(string index) =>
        $"['Coffee', 'Outdoor Recreation', 'Kitchen', 'Camping', 'Fitness', 'Travel'][1 + {index} % 6]";

    private static string SegmentName(string index) =>
        $"'IM - ' || {SegmentTopic(index)} || ' ' || (1 + {index} // 6)::VARCHAR";

    private static Dictionary<string, string> Prefixes(params (string Prefix, string Column)[] prefixes) =>
        prefixes.ToDictionary(p => p.Prefix, p => p.Column);

    private static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Timestamp(DateTime value) =>
        value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
