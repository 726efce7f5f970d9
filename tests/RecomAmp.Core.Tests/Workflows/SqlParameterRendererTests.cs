using System.Text.Json;
using RecomAmp.Core.Common;
using RecomAmp.Core.Workflows.Rendering;

namespace RecomAmp.Core.Tests.Workflows;

public sealed class SqlParameterRendererTests
{
    [Fact]
    public void Render_String_QuotesItAndDoublesInnerQuotes()
    {
        var parameters = Json("""{"brand": "O'Brien's"}""");

        var rendered = SqlParameterRenderer.Render("SELECT * FROM t WHERE brand = {{brand}}", parameters);

        Assert.Equal("SELECT * FROM t WHERE brand = 'O''Brien''s'", rendered.Sql);
    }

    [Fact]
    public void Render_StringList_RendersCommaSeparatedQuotedLiterals()
    {
        var parameters = Json("""{"ids": ["camp1", "camp'2"]}""");

        var rendered = SqlParameterRenderer.Render("WHERE campaign_id IN ({{ids}})", parameters);

        Assert.Equal("WHERE campaign_id IN ('camp1', 'camp''2')", rendered.Sql);
    }

    [Fact]
    public void Render_NumberList_RendersBareNumbers()
    {
        var parameters = Json("""{"ids": [1, -2, 3.5]}""");

        var rendered = SqlParameterRenderer.Render("WHERE id IN ({{ids}})", parameters);

        Assert.Equal("WHERE id IN (1, -2, 3.5)", rendered.Sql);
    }

    [Fact]
    public void Render_EmptyList_IsAnErrorOnTheParameter()
    {
        var parameters = Json("""{"ids": []}""");

        var error = Assert.Throws<RequestValidationException>(
            () => SqlParameterRenderer.Render("WHERE id IN ({{ids}})", parameters));

        Assert.Equal(["parameters.ids"], error.Errors!.Keys);
        Assert.Contains("empty", error.Errors["parameters.ids"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ListWithNestedValues_IsAnError()
    {
        var parameters = Json("""{"ids": ["a", null]}""");

        var error = Assert.Throws<RequestValidationException>(
            () => SqlParameterRenderer.Render("WHERE id IN ({{ids}})", parameters));

        Assert.Equal(["parameters.ids"], error.Errors!.Keys);
    }

    [Theory]
    [InlineData("100", "100")]
    [InlineData("-42", "-42")]
    [InlineData("3.14159", "3.14159")]
    [InlineData("-0.5", "-0.5")]
    [InlineData("1.50", "1.50")]
    [InlineData("12345678901234567890123", "12345678901234567890123")]
    [InlineData("1e3", "1e3")]
    public void Render_Number_IsWrittenBareAsGiven(string json, string expected)
    {
        var parameters = Json($$"""{"n": {{json}}}""");

        var rendered = SqlParameterRenderer.Render("LIMIT {{n}}", parameters);

        Assert.Equal("LIMIT " + expected, rendered.Sql);
    }

    [Fact]
    public void Render_NegativeNumberAfterMinus_DoesNotBecomeAComment()
    {
        var parameters = Json("""{"n": -5}""");

        var rendered = SqlParameterRenderer.Render("SELECT x-{{n}} AS y\nFROM t", parameters);

        Assert.Equal("SELECT x- -5 AS y\nFROM t", rendered.Sql);
    }

    [Fact]
    public void Render_StringNextToAQuote_StaysItsOwnLiteral()
    {
        var parameters = Json("""{"s": "v"}""");

        var rendered = SqlParameterRenderer.Render("SELECT 'a'{{s}}'b'", parameters);

        Assert.Equal("SELECT 'a' 'v' 'b'", rendered.Sql);
    }

    [Theory]
    [InlineData("true", "TRUE")]
    [InlineData("false", "FALSE")]
    public void Render_Boolean_RendersSqlBoolean(string json, string expected)
    {
        var parameters = Json($$"""{"flag": {{json}}}""");

        var rendered = SqlParameterRenderer.Render("WHERE is_new = {{flag}}", parameters);

        Assert.Equal("WHERE is_new = " + expected, rendered.Sql);
    }

    [Fact]
    public void Render_DatesAndTimestamps_AreQuotedStrings()
    {
        var parameters = Json("""{"start_date": "2024-01-01", "end_ts": "2024-01-31T23:59:59"}""");

        var rendered = SqlParameterRenderer.Render(
            "WHERE event_dt >= {{start_date}} AND event_ts < {{end_ts}}", parameters);

        Assert.Equal("WHERE event_dt >= '2024-01-01' AND event_ts < '2024-01-31T23:59:59'", rendered.Sql);
    }

    [Fact]
    public void Render_PlaceholderInsideStringLiteral_TakesEscapedValueWithoutQuotes()
    {
        var parameters = Json("""{"start_date": "2024-01-01", "x": "it's"}""");

        var rendered = SqlParameterRenderer.Render(
            "WHERE d >= '{{start_date}}' AND name LIKE 'prefix_{{x}}%'", parameters);

        Assert.Equal("WHERE d >= '2024-01-01' AND name LIKE 'prefix_it''s%'", rendered.Sql);
    }

    [Fact]
    public void Render_NumberAndBooleanInsideStringLiteral_AreWrittenUnquoted()
    {
        var parameters = Json("""{"n": 7, "b": true}""");

        var rendered = SqlParameterRenderer.Render("SELECT 'week {{n}} {{b}}'", parameters);

        Assert.Equal("SELECT 'week 7 TRUE'", rendered.Sql);
    }

    [Fact]
    public void Render_ListInsideStringLiteral_IsAnError()
    {
        var parameters = Json("""{"ids": ["a", "b"]}""");

        var error = Assert.Throws<RequestValidationException>(
            () => SqlParameterRenderer.Render("WHERE id = '{{ids}}'", parameters));

        Assert.Equal(["parameters.ids"], error.Errors!.Keys);
    }

    [Fact]
    public void Render_PlaceholderAfterEscapedQuoteInLiteral_StillInsideTheLiteral()
    {
        var parameters = Json("""{"x": "y"}""");

        var rendered = SqlParameterRenderer.Render("SELECT 'it''s {{x}}' AS s", parameters);

        Assert.Equal("SELECT 'it''s y' AS s", rendered.Sql);
    }

    [Fact]
    public void Render_TimestampLiteralWithColons_IsNotAParameter()
    {
        var parameters = Json("""{"start": "2024-02-01"}""");

        var rendered = SqlParameterRenderer.Render(
            "WHERE ts >= '2024-01-01T00:00:00' AND ts2 >= TIMESTAMP '2024-01-01 00:00:00' AND d >= {{start}}",
            parameters);

        Assert.Equal(
            "WHERE ts >= '2024-01-01T00:00:00' AND ts2 >= TIMESTAMP '2024-01-01 00:00:00' "
            + "AND d >= '2024-02-01'",
            rendered.Sql);
        Assert.Equal(["start"], rendered.ParametersUsed.Keys);
    }

    [Fact]
    public void Render_ColonParameterStyle_IsLeftAsText()
    {
        var rendered = SqlParameterRenderer.Render("SELECT :00, :name FROM t", Json("{}"));

        Assert.Equal("SELECT :00, :name FROM t", rendered.Sql);
        Assert.Empty(rendered.ParametersUsed);
    }

    [Theory]
    [InlineData("{{limit}}")]
    [InlineData("{{ limit }}")]
    [InlineData("{{   limit}}")]
    [InlineData("{{\tlimit\t}}")]
    public void Render_SpacesInsideBraces_AreAllowed(string placeholder)
    {
        var parameters = Json("""{"limit": 10}""");

        var rendered = SqlParameterRenderer.Render("SELECT * FROM t LIMIT " + placeholder, parameters);

        Assert.Equal("SELECT * FROM t LIMIT 10", rendered.Sql);
    }

    [Fact]
    public void Render_RepeatedPlaceholder_IsReplacedEverywhereAndListedOnce()
    {
        var parameters = Json("""{"d": "2024-01-01"}""");

        var rendered = SqlParameterRenderer.Render("SELECT {{d}}, '{{d}}', {{ d }}", parameters);

        Assert.Equal("SELECT '2024-01-01', '2024-01-01', '2024-01-01'", rendered.Sql);
        Assert.Equal(["d"], rendered.ParametersUsed.Keys);
    }

    [Fact]
    public void Render_MissingParameters_ReportsOneErrorPerMissingName()
    {
        var parameters = Json("""{"a": 1}""");

        var error = Assert.Throws<RequestValidationException>(
            () => SqlParameterRenderer.Render("SELECT {{a}}, {{b}}, {{c}}, {{b}}", parameters));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal(["parameters.b", "parameters.c"], error.Errors!.Keys.Order());
        Assert.Single(error.Errors["parameters.b"]);
    }

    [Fact]
    public void Render_UnusedParameters_AreReportedNotRejected()
    {
        var parameters = Json("""{"limit": 5, "extra": "x", "other": [1]}""");

        var rendered = SqlParameterRenderer.Render("SELECT 1 LIMIT {{limit}}", parameters);

        Assert.Equal("SELECT 1 LIMIT 5", rendered.Sql);
        Assert.Equal(["extra", "other"], rendered.UnusedParameters);
        Assert.Equal(["limit"], rendered.ParametersUsed.Keys);
    }

    [Fact]
    public void Render_ParametersUsed_HoldsValuesAsGiven()
    {
        var parameters = Json("""{"ids": ["a", "b"], "n": 1.50}""");

        var rendered = SqlParameterRenderer.Render("SELECT {{n}} WHERE x IN ({{ids}})", parameters);

        Assert.Equal(["n", "ids"], rendered.ParametersUsed.Keys);
        Assert.Equal("1.50", rendered.ParametersUsed["n"].GetRawText());
        Assert.Equal("""["a", "b"]""", rendered.ParametersUsed["ids"].GetRawText());
    }

    [Fact]
    public void Render_NullAndObjectValues_AreErrorsNamingTheParameter()
    {
        var parameters = Json("""{"a": null, "b": {"x": 1}}""");

        var error = Assert.Throws<RequestValidationException>(
            () => SqlParameterRenderer.Render("SELECT {{a}}, {{b}}", parameters));

        Assert.Equal(["parameters.a", "parameters.b"], error.Errors!.Keys.Order());
    }

    [Fact]
    public void Render_PlaceholdersInComments_AreLeftUntouchedAndNotUsed()
    {
        var sql = "-- uses {{hidden}}\nSELECT {{a}} /* and {{also_hidden}} */ FROM t -- {{tail}}";

        var rendered = SqlParameterRenderer.Render(sql, Json("""{"a": 1}"""));

        Assert.Equal(
            "-- uses {{hidden}}\nSELECT 1 /* and {{also_hidden}} */ FROM t -- {{tail}}", rendered.Sql);
        Assert.Equal(["a"], rendered.ParametersUsed.Keys);
    }

    [Fact]
    public void Render_CommentMarkersInsideLiterals_AreText()
    {
        var parameters = Json("""{"a": "x"}""");

        var rendered = SqlParameterRenderer.Render("SELECT '--', '/*', {{a}}", parameters);

        Assert.Equal("SELECT '--', '/*', 'x'", rendered.Sql);
    }

    [Fact]
    public void Render_QuotesInsideComments_DoNotOpenLiterals()
    {
        var parameters = Json("""{"a": "x"}""");

        var rendered = SqlParameterRenderer.Render("-- don't\nSELECT /* it's */ {{a}}", parameters);

        Assert.Equal("-- don't\nSELECT /* it's */ 'x'", rendered.Sql);
    }

    [Fact]
    public void Render_AmcNativeParameters_StayUntouched()
    {
        var sql = "SELECT * FROM t WHERE c IN (CUSTOM_PARAMETER('campaign_ids')) "
            + "AND BUILT_IN_PARAMETER('TIME_WINDOW_START') < ts AND x = {{x}}";

        var rendered = SqlParameterRenderer.Render(sql, Json("""{"x": 2, "campaign_ids": ["z"]}"""));

        Assert.Equal(
            "SELECT * FROM t WHERE c IN (CUSTOM_PARAMETER('campaign_ids')) "
            + "AND BUILT_IN_PARAMETER('TIME_WINDOW_START') < ts AND x = 2",
            rendered.Sql);
        Assert.Equal(["campaign_ids"], rendered.UnusedParameters);
    }

    [Theory]
    [InlineData("x' OR '1'='1", "'x'' OR ''1''=''1'")]
    [InlineData("'; DROP TABLE users; --", "'''; DROP TABLE users; --'")]
    [InlineData("UPDATE Sale", "'UPDATE Sale'")]
    [InlineData("DELETE FROM x", "'DELETE FROM x'")]
    [InlineData("*/ SELECT 1 /*", "'*/ SELECT 1 /*'")]
    [InlineData("{{other}}", "'{{other}}'")]
    public void Render_InjectionAttempts_StayStringLiterals(string value, string expected)
    {
        var parameters = new Dictionary<string, JsonElement>
        {
            ["v"] = JsonSerializer.SerializeToElement(value),
        };

        var rendered = SqlParameterRenderer.Render("WHERE name = {{v}} AND other = 1", parameters);

        Assert.Equal("WHERE name = " + expected + " AND other = 1", rendered.Sql);
    }

    [Fact]
    public void Render_InjectionInsideStringLiteral_CannotCloseTheLiteral()
    {
        var parameters = new Dictionary<string, JsonElement>
        {
            ["v"] = JsonSerializer.SerializeToElement("%' OR 1=1 --"),
        };

        var rendered = SqlParameterRenderer.Render("WHERE name LIKE '{{v}}' AND a = 1", parameters);

        Assert.Equal("WHERE name LIKE '%'' OR 1=1 --' AND a = 1", rendered.Sql);
        var template = SqlTemplate.Parse(rendered.Sql);
        Assert.Empty(template.ParameterNames);
    }

    [Fact]
    public void Render_ValueContainingPlaceholderSyntax_IsNotRenderedAgain()
    {
        var parameters = Json("""{"a": "{{b}}", "b": "secret"}""");

        var rendered = SqlParameterRenderer.Render("SELECT {{a}}", parameters);

        Assert.Equal("SELECT '{{b}}'", rendered.Sql);
    }

    [Fact]
    public void Render_NamesAreCaseSensitive()
    {
        var parameters = Json("""{"limit": 5}""");

        var error = Assert.Throws<RequestValidationException>(
            () => SqlParameterRenderer.Render("LIMIT {{Limit}}", parameters));

        Assert.Equal(["parameters.Limit"], error.Errors!.Keys);
    }

    [Theory]
    [InlineData("SELECT {{}}")]
    [InlineData("SELECT {{ }}")]
    [InlineData("SELECT {{1abc}}")]
    [InlineData("SELECT {{a-b}}")]
    [InlineData("SELECT {{a b}}")]
    [InlineData("SELECT {{a}")]
    [InlineData("SELECT {{a")]
    [InlineData("SELECT {{a.b}} '{{ok}}'")]
    public void Parse_MalformedPlaceholder_IsAnErrorOnTheSql(string sql)
    {
        var error = Assert.Throws<RequestValidationException>(() => SqlTemplate.Parse(sql));

        Assert.Equal([SqlTemplate.SqlField], error.Errors!.Keys);
        Assert.Contains("line 1, column 8", error.Errors[SqlTemplate.SqlField][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT 'abc", "string literal opened at line 1, column 8")]
    [InlineData("SELECT\n  \"abc", "quoted identifier opened at line 2, column 3")]
    [InlineData("SELECT 1 /* note", "comment opened at line 1, column 10")]
    public void Parse_UnclosedLiteralOrComment_IsAnError(string sql, string expected)
    {
        var error = Assert.Throws<RequestValidationException>(() => SqlTemplate.Parse(sql));

        Assert.Contains(expected, error.Errors![SqlTemplate.SqlField][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedPlaceholderInsideStringLiteral_IsAnError()
    {
        var ok = SqlTemplate.TryParse("SELECT 'x {{a.b}}'", out _, out var error);

        Assert.False(ok);
        Assert.Contains("Malformed placeholder at line 1, column 11", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PlaceholderInQuotedIdentifier_IsAnError()
    {
        var ok = SqlTemplate.TryParse("SELECT \"{{col}}\" FROM t", out _, out var error);

        Assert.False(ok);
        Assert.Contains("identifier", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_QuotedIdentifierWithEscapedQuote_IsText()
    {
        var template = SqlTemplate.Parse("SELECT \"a\"\"b\", '{{x}}' FROM t");

        Assert.Equal(["x"], template.ParameterNames);
    }

    [Fact]
    public void Parse_SingleBraces_AreText()
    {
        var template = SqlTemplate.Parse("SELECT '{\"a\": {\"b\": 1}}', {x} FROM t");

        Assert.Empty(template.ParameterNames);
    }

    [Fact]
    public void ParameterNames_ListsEachNameOnceInOrderOfFirstUse()
    {
        var template = SqlTemplate.Parse("SELECT {{b}}, {{a}}, '{{b}}' -- {{c}}\n, {{_d1}}");

        Assert.Equal(["b", "a", "_d1"], template.ParameterNames);
    }

    [Theory]
    [InlineData("start_date", true)]
    [InlineData("_x9", true)]
    [InlineData("9x", false)]
    [InlineData("a-b", false)]
    [InlineData("", false)]
    [InlineData("é", false)]
    public void IsParameterName_AcceptsIdentifiersOnly(string name, bool expected)
    {
        Assert.Equal(expected, SqlTemplate.IsParameterName(name));
    }

    [Fact]
    public void IsParameterName_RefusesOverlongNames()
    {
        Assert.True(SqlTemplate.IsParameterName(new string('a', SqlTemplate.MaxParameterNameLength)));
        Assert.False(SqlTemplate.IsParameterName(new string('a', SqlTemplate.MaxParameterNameLength + 1)));
    }

    [Fact]
    public void Render_SqlWithoutPlaceholders_IsReturnedUnchanged()
    {
        const string sql = "SELECT campaign, SUM(impressions) FROM sponsored_ads_traffic GROUP BY 1";

        var rendered = SqlParameterRenderer.Render(sql, Json("{}"));

        Assert.Equal(sql, rendered.Sql);
        Assert.Empty(rendered.ParametersUsed);
        Assert.Empty(rendered.UnusedParameters);
    }

    private static Dictionary<string, JsonElement> Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject()
            .ToDictionary(property => property.Name, property => property.Value.Clone());
    }
}
