using RecomAmp.Core.Storage;
using RecomAmp.Core.Storage.Cosmos;

namespace RecomAmp.Core.Tests.Storage;

/// <summary>
/// The Cosmos SQL the store sends. The contract suite proves what it matches; these pin the forms that the
/// local server and Cosmos DB both accept and that the index can serve.
/// </summary>
public sealed class CosmosQueryTranslatorTests
{
    [Fact]
    public void Translate_Values_AreParametersNeverText()
    {
        var query = DocumentQuery.All
            .Where(QueryCondition.Equal("name", "x' OR 1=1 --"))
            .Where(QueryCondition.In("rank", [1, 2]));

        var translated = CosmosQueryTranslator.Translate(query, (_, _) => false);

        Assert.DoesNotContain("OR 1=1", translated.Filter, StringComparison.Ordinal);
        Assert.Equal("(c[\"name\"] = @q0) AND ((c[\"rank\"] IN (@q1, @q2)))", translated.Filter);
        Assert.Equal(3, translated.Parameters.Count);
    }

    [Fact]
    public void Translate_ContainsText_LowerCasesBothSidesWithTwoArgumentContains()
    {
        var query = DocumentQuery.All.Where(
            QueryCondition.ContainsText(["name", "address.city_name"], "KÖln"));

        var translated = CosmosQueryTranslator.Translate(query, (_, _) => false);

        Assert.Equal(
            "((CONTAINS(LOWER(c[\"name\"]), @q0)) OR (CONTAINS(LOWER(c[\"address\"][\"city_name\"]), @q0)))",
            translated.Filter);
        Assert.Equal("köln", translated.Parameters[0].Value);
    }

    [Fact]
    public void Translate_EqualNull_MatchesNullOrMissing()
    {
        var translated = CosmosQueryTranslator.Translate(
            DocumentQuery.All.Where(QueryCondition.Equal("note", null)), (_, _) => false);

        Assert.Equal("(NOT IS_DEFINED(c[\"note\"]) OR IS_NULL(c[\"note\"]))", translated.Filter);
        Assert.Empty(translated.Parameters);
    }

    [Theory]
    [InlineData(true, "c[\"updated_at\"] DESC, c[\"id\"] DESC")]
    [InlineData(false, "c[\"updated_at\"] DESC")]
    public void Translate_OrderBy_BreaksTiesByIdWhereAnIndexServesIt(bool indexed, string expected)
    {
        var query = DocumentQuery.All.OrderedBy("updated_at", descending: true);

        var translated = CosmosQueryTranslator.Translate(
            query, (field, descending) => indexed && field == "updated_at" && descending);

        Assert.Equal(expected, translated.OrderBy);
    }

    [Fact]
    public void Translate_ManyArrayValues_BecomeOneExistsSubqueryWithOneParameter()
    {
        var values = Enumerable.Range(0, CosmosQueryTranslator.MaxArrayContainsAlternatives + 1)
            .Select(index => (object)index)
            .ToList();

        var translated = CosmosQueryTranslator.Translate(
            DocumentQuery.All.Where(QueryCondition.ArrayContainsAny("tags", values)), (_, _) => false);

        Assert.StartsWith("(IS_ARRAY(c[\"tags\"]) AND EXISTS(", translated.Filter, StringComparison.Ordinal);
        Assert.Single(translated.Parameters);
    }

    [Fact]
    public void Translate_EmptyValueLists_MatchNothing()
    {
        var query = DocumentQuery.All
            .Where(QueryCondition.In("rank", []))
            .Where(QueryCondition.ArrayContainsAny("tags", []));

        var translated = CosmosQueryTranslator.Translate(query, (_, _) => false);

        Assert.Equal("(false) AND (false)", translated.Filter);
    }
}
