using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using RecomAmp.Core.Common;
using RecomAmp.Core.Storage;

namespace RecomAmp.Core.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IDocumentStore"/> adapter must have. An adapter's test class derives from
/// this and supplies the store; each test writes to a container of its own, partitioned by <c>/user_id</c>.
/// </summary>
public abstract class DocumentStoreContractTests : IAsyncLifetime
{
    protected const string UserA = "user-a";
    protected const string UserB = "user-b";

    private IDocumentStore? _store;

    /// <summary>A container no other test uses.</summary>
    protected string Container { get; } = "contract_" + Guid.NewGuid().ToString("N");

    protected IDocumentStore Store =>
        _store ?? throw new InvalidOperationException("The store is not created yet.");

    /// <summary>Cancels a test that hangs. The source is left to its timer, which frees it.</summary>
    protected CancellationToken Deadline { get; } =
        new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    /// <summary>
    /// How long an expired document may stay visible after its time to live has passed. A store whose clock
    /// the test controls needs none; a remote service deletes expired documents on its own schedule.
    /// </summary>
    protected virtual TimeSpan ExpiryGrace => TimeSpan.FromSeconds(5);

    /// <summary>Creates the store with <paramref name="container"/> ready (partition key /user_id).</summary>
    protected abstract Task<IDocumentStore> CreateStoreAsync(string container);

    /// <summary>Lets time pass for the store: real time, or a fake clock the derived class owns.</summary>
    protected virtual Task AdvanceClockAsync(TimeSpan by) => Task.Delay(by);

    public async Task InitializeAsync() => _store = await CreateStoreAsync(Container);

    public virtual async Task DisposeAsync()
    {
        switch (_store)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
            default:
                break;
        }
    }

    [Fact]
    public async Task ReadAsync_MissingDocument_ReturnsNull()
    {
        var read = await Store.ReadAsync<ContractDocument>(Container, UserA, "nobody", Deadline);

        Assert.Null(read);
    }

    [Fact]
    public async Task CreateAsync_ThenRead_RoundTripsEveryField()
    {
        var document = Doc("round-trip") with
        {
            Name = "Zoë – 東京 🚀 \"quoted\" \\ back",
            Rank = -7,
            Score = 1234.5,
            Active = true,
            Note = "a\nnote",
            Tags = ["ünïcode", "two", ""],
            Address = new ContractAddress("Köln", null),
            CreatedAt = new DateTimeOffset(2026, 3, 4, 5, 6, 7, 890, TimeSpan.Zero),
            Color = ContractColor.DeepBlue,
        };

        var created = await Store.CreateAsync(Container, UserA, document.Id, document, Deadline);
        var read = await Store.ReadAsync<ContractDocument>(Container, UserA, document.Id, Deadline);

        Assert.NotNull(read);
        Assert.Equal(Json(document), Json(read.Document));
        Assert.Equal(created.ETag, read.ETag);
        Assert.Same(document, created.Document);
    }

    [Fact]
    public async Task CreateAsync_Always_StoresSnakeCaseJson()
    {
        var document = Doc("snake") with
        {
            Address = new ContractAddress("Bonn", "53111"),
            Color = ContractColor.DeepBlue,
        };

        await Store.CreateAsync(Container, UserA, document.Id, document, Deadline);
        var read = await Store.ReadAsync<JsonElement>(Container, UserA, document.Id, Deadline);

        Assert.NotNull(read);
        var json = read.Document;
        Assert.Equal(UserA, json.GetProperty("user_id").GetString());
        Assert.Equal("Bonn", json.GetProperty("address").GetProperty("city_name").GetString());
        Assert.Equal("DEEP_BLUE", json.GetProperty("color").GetString());
        Assert.False(json.TryGetProperty("UserId", out _));
        Assert.False(json.TryGetProperty("ttl", out _));
    }

    [Fact]
    public async Task CreateAsync_ETag_IsQuotedAndNewForEveryWrite()
    {
        var created = await Store.CreateAsync(Container, UserA, "etags", Doc("etags"), Deadline);
        var replaced = await Store.ReplaceAsync(Container, UserA, "etags", Doc("etags"), null, Deadline);
        var upserted = await Store.UpsertAsync(Container, UserA, "etags", Doc("etags"), Deadline);

        string[] etags = [created.ETag, replaced.ETag, upserted.ETag];
        Assert.All(etags, etag => Assert.Matches("^\".+\"$", etag));
        Assert.Equal(3, etags.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task CreateAsync_IdTakenInPartition_ThrowsConflictAndKeepsOriginal()
    {
        await Store.CreateAsync(Container, UserA, "taken", Doc("taken") with { Name = "first" }, Deadline);

        await Assert.ThrowsAsync<DocumentConflictException>(() =>
            Store.CreateAsync(Container, UserA, "taken", Doc("taken") with { Name = "second" }, Deadline));

        var read = await Store.ReadAsync<ContractDocument>(Container, UserA, "taken", Deadline);
        Assert.Equal("first", read?.Document.Name);
    }

    [Fact]
    public async Task CreateAsync_SameIdInTwoPartitions_KeepsBoth()
    {
        await CreateAllAsync(
            Doc("shared", UserA) with { Name = "of a" }, Doc("shared", UserB) with { Name = "of b" });

        var inA = await Store.ReadAsync<ContractDocument>(Container, UserA, "shared", Deadline);
        var inB = await Store.ReadAsync<ContractDocument>(Container, UserB, "shared", Deadline);

        Assert.Equal("of a", inA?.Document.Name);
        Assert.Equal("of b", inB?.Document.Name);
    }

    [Fact]
    public async Task CreateAsync_BodyIdDiffersFromId_ThrowsArgumentException()
    {
        var document = Doc("body-id");

        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            Store.CreateAsync(Container, UserA, "other-id", document, Deadline));

        Assert.Null(await Store.ReadAsync<ContractDocument>(Container, UserA, "other-id", Deadline));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public async Task CreateAsync_TtlNeitherPositiveNorMinusOne_ThrowsArgumentException(int ttl)
    {
        var document = Doc("bad-ttl") with { Ttl = ttl };

        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            Store.CreateAsync(Container, UserA, document.Id, document, Deadline));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a?b")]
    [InlineData("a#b")]
    [InlineData("a\\b")]
    [InlineData("")]
    public async Task Writes_IdThatCannotExist_AreRefusedOrNotFound(string id)
    {
        var document = new JsonObject { ["user_id"] = UserA, ["name"] = "odd" };

        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            Store.CreateAsync(Container, UserA, id, document, Deadline));
        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            Store.UpsertAsync(Container, UserA, id, document, Deadline));
        Assert.Null(await Store.ReadAsync<JsonObject>(Container, UserA, id, Deadline));
        await Assert.ThrowsAsync<DocumentNotFoundException>(() =>
            Store.ReplaceAsync(Container, UserA, id, document, null, Deadline));
        await Assert.ThrowsAsync<DocumentNotFoundException>(() =>
            Store.DeleteAsync(Container, UserA, id, null, Deadline));
    }

    [Fact]
    public async Task ReplaceAsync_WithCurrentETag_ReplacesAndReturnsNewETag()
    {
        var created = await Store.CreateAsync(
            Container, UserA, "doc", Doc("doc") with { Rank = 1 }, Deadline);

        var replaced = await Store.ReplaceAsync(
            Container, UserA, "doc", Doc("doc") with { Rank = 2 }, created.ETag, Deadline);

        var read = await Store.ReadAsync<ContractDocument>(Container, UserA, "doc", Deadline);
        Assert.Equal(2, read?.Document.Rank);
        Assert.Equal(replaced.ETag, read?.ETag);
        Assert.NotEqual(created.ETag, replaced.ETag);
    }

    [Fact]
    public async Task ReplaceAsync_WithStaleETag_ThrowsPreconditionFailedAndKeepsDocument()
    {
        var created = await Store.CreateAsync(
            Container, UserA, "doc", Doc("doc") with { Rank = 1 }, Deadline);
        await Store.ReplaceAsync(
            Container, UserA, "doc", Doc("doc") with { Rank = 2 }, created.ETag, Deadline);

        await Assert.ThrowsAsync<DocumentPreconditionFailedException>(() =>
            Store.ReplaceAsync(
                Container, UserA, "doc", Doc("doc") with { Rank = 3 }, created.ETag, Deadline));

        var read = await Store.ReadAsync<ContractDocument>(Container, UserA, "doc", Deadline);
        Assert.Equal(2, read?.Document.Rank);
    }

    [Fact]
    public async Task ReplaceAsync_WithoutETag_ReplacesWhateverTheETag()
    {
        await Store.CreateAsync(Container, UserA, "doc", Doc("doc") with { Rank = 1 }, Deadline);
        await Store.ReplaceAsync(Container, UserA, "doc", Doc("doc") with { Rank = 2 }, null, Deadline);

        await Store.ReplaceAsync(Container, UserA, "doc", Doc("doc") with { Rank = 3 }, null, Deadline);

        var read = await Store.ReadAsync<ContractDocument>(Container, UserA, "doc", Deadline);
        Assert.Equal(3, read?.Document.Rank);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("\"some-etag\"")]
    public async Task ReplaceAsync_MissingDocument_ThrowsNotFound(string? ifMatch)
    {
        var replace = () =>
            Store.ReplaceAsync(Container, UserA, "missing", Doc("missing"), ifMatch, Deadline);

        await Assert.ThrowsAsync<DocumentNotFoundException>(replace);

        Assert.Null(await Store.ReadAsync<ContractDocument>(Container, UserA, "missing", Deadline));
    }

    [Fact]
    public async Task DeleteAsync_WithCurrentETag_Deletes()
    {
        var created = await Store.CreateAsync(Container, UserA, "doc", Doc("doc"), Deadline);

        await Store.DeleteAsync(Container, UserA, "doc", created.ETag, Deadline);

        Assert.Null(await Store.ReadAsync<ContractDocument>(Container, UserA, "doc", Deadline));
    }

    [Fact]
    public async Task DeleteAsync_WithStaleETag_ThrowsPreconditionFailedAndKeepsDocument()
    {
        var created = await Store.CreateAsync(Container, UserA, "doc", Doc("doc"), Deadline);
        await Store.ReplaceAsync(Container, UserA, "doc", Doc("doc") with { Rank = 5 }, null, Deadline);

        await Assert.ThrowsAsync<DocumentPreconditionFailedException>(() =>
            Store.DeleteAsync(Container, UserA, "doc", created.ETag, Deadline));

        var read = await Store.ReadAsync<ContractDocument>(Container, UserA, "doc", Deadline);
        Assert.Equal(5, read?.Document.Rank);
    }

    [Fact]
    public async Task DeleteAsync_WithoutETag_Deletes()
    {
        await Store.CreateAsync(Container, UserA, "doc", Doc("doc"), Deadline);

        await Store.DeleteAsync(Container, UserA, "doc", null, Deadline);

        Assert.Null(await Store.ReadAsync<ContractDocument>(Container, UserA, "doc", Deadline));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("\"some-etag\"")]
    public async Task DeleteAsync_MissingDocument_ThrowsNotFound(string? ifMatch)
    {
        var delete = () => Store.DeleteAsync(Container, UserA, "missing", ifMatch, Deadline);

        await Assert.ThrowsAsync<DocumentNotFoundException>(delete);
    }

    [Fact]
    public async Task DeleteAsync_Twice_SecondThrowsNotFound()
    {
        await Store.CreateAsync(Container, UserA, "doc", Doc("doc"), Deadline);
        await Store.DeleteAsync(Container, UserA, "doc", null, Deadline);

        await Assert.ThrowsAsync<DocumentNotFoundException>(() =>
            Store.DeleteAsync(Container, UserA, "doc", null, Deadline));
    }

    [Fact]
    public async Task UpsertAsync_NewDocument_Creates()
    {
        var upserted = await Store.UpsertAsync(
            Container, UserA, "doc", Doc("doc") with { Rank = 4 }, Deadline);

        var read = await Store.ReadAsync<ContractDocument>(Container, UserA, "doc", Deadline);
        Assert.Equal(4, read?.Document.Rank);
        Assert.Equal(upserted.ETag, read?.ETag);
    }

    [Fact]
    public async Task UpsertAsync_ExistingDocument_ReplacesItWithNewETag()
    {
        var created = await Store.CreateAsync(
            Container, UserA, "doc", Doc("doc") with { Rank = 1 }, Deadline);

        var upserted = await Store.UpsertAsync(
            Container, UserA, "doc", Doc("doc") with { Rank = 2 }, Deadline);

        var read = await Store.ReadAsync<ContractDocument>(Container, UserA, "doc", Deadline);
        Assert.Equal(2, read?.Document.Rank);
        Assert.NotEqual(created.ETag, upserted.ETag);
        Assert.Equal(upserted.ETag, read?.ETag);
    }

    [Fact]
    public async Task ReplaceAsync_ManyAtOnceWithTheSameETag_ExactlyOneSucceeds()
    {
        const int writers = 12;
        var created = await Store.CreateAsync(Container, UserA, "contended", Doc("contended"), Deadline);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(1, writers).Select(rank => Task.Run(async () =>
        {
            await start.Task;
            try
            {
                var document = Doc("contended") with { Rank = rank };
                await Store.ReplaceAsync(Container, UserA, "contended", document, created.ETag, Deadline);
                return rank;
            }
            catch (DocumentPreconditionFailedException)
            {
                return 0;
            }
        })).ToList();

        start.SetResult();
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, rank => rank != 0);
        var read = await Store.ReadAsync<ContractDocument>(Container, UserA, "contended", Deadline);
        Assert.Equal(winner, read?.Document.Rank);
    }

    [Fact]
    public async Task QueryAsync_EqualString_MatchesExactValueOnly()
    {
        await CreateAllAsync(
            Doc("a") with { Name = "Alpha" },
            Doc("b") with { Name = "alpha" },
            Doc("c") with { Name = "Alpha " });

        var ids = await WhereIdsAsync(QueryCondition.Equal("name", "Alpha"));

        Assert.Equal(["a"], ids);
    }

    [Fact]
    public async Task QueryAsync_EqualNumberBoolAndNestedField_Match()
    {
        await CreateAllAsync(
            Doc("a") with { Rank = 2, Score = 2.5, Active = true, Address = new("Bonn", null) },
            Doc("b") with { Rank = 3, Score = 2, Active = false, Address = new("Köln", null) },
            Doc("c") with { Rank = 2, Score = 0.5, Active = false });

        var byRank = await WhereIdsAsync(QueryCondition.Equal("rank", 2));
        var byScore = await WhereIdsAsync(QueryCondition.Equal("score", 2.5));
        var byWholeScore = await WhereIdsAsync(QueryCondition.Equal("score", 2));
        var active = await WhereIdsAsync(QueryCondition.Equal("active", true));
        var inactive = await WhereIdsAsync(QueryCondition.Equal("active", false));
        var byCity = await WhereIdsAsync(QueryCondition.Equal("address.city_name", "Köln"));

        Assert.Equal(["a", "c"], byRank);
        Assert.Equal(["a"], byScore);
        Assert.Equal(["b"], byWholeScore);
        Assert.Equal(["a"], active);
        Assert.Equal(["b", "c"], inactive);
        Assert.Equal(["b"], byCity);
    }

    [Fact]
    public async Task QueryAsync_EqualNull_MatchesNullOrMissingField()
    {
        await CreateRawAsync("number", 1);
        await CreateRawAsync("null", null);
        await CreateRawAsync("missing");
        await CreateRawAsync("text", "x");

        var ids = await WhereIdsAsync(QueryCondition.Equal("value", null));

        Assert.Equal(["missing", "null"], ids);
    }

    [Fact]
    public async Task QueryAsync_ValuesOfDifferentJsonTypes_NeverMatchEachOther()
    {
        await CreateRawAsync("number", 1);
        await CreateRawAsync("decimal", 1.5);
        await CreateRawAsync("true", true);
        await CreateRawAsync("text", "1");
        await CreateRawAsync("array", new JsonArray(1));

        var equalOne = await WhereIdsAsync(QueryCondition.Equal("value", 1));
        var equalOnePointZero = await WhereIdsAsync(QueryCondition.Equal("value", 1.0));
        var equalTrue = await WhereIdsAsync(QueryCondition.Equal("value", true));
        var equalText = await WhereIdsAsync(QueryCondition.Equal("value", "1"));
        var aboveZero = await WhereIdsAsync(QueryCondition.GreaterThan("value", 0));
        var belowText = await WhereIdsAsync(QueryCondition.LessThan("value", "9"));

        Assert.Equal(["number"], equalOne);
        Assert.Equal(["number"], equalOnePointZero);
        Assert.Equal(["true"], equalTrue);
        Assert.Equal(["text"], equalText);
        Assert.Equal(["decimal", "number"], aboveZero);
        Assert.Equal(["text"], belowText);
    }

    [Fact]
    public async Task QueryAsync_EnumAndDateValues_MatchTheirStoredForm()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await CreateAllAsync(
            Doc("a") with { Color = ContractColor.DeepBlue, CreatedAt = start },
            Doc("b") with { Color = ContractColor.Plain, CreatedAt = start.AddDays(1) },
            Doc("c") with { Color = ContractColor.DeepBlue, CreatedAt = start.AddDays(2).AddMinutes(5) });

        var deepBlue = await WhereIdsAsync(QueryCondition.Equal("color", ContractColor.DeepBlue));
        var asText = await WhereIdsAsync(QueryCondition.Equal("color", "PLAIN"));
        var sinceSecondDay = await WhereIdsAsync(
            QueryCondition.GreaterThan("created_at", start.AddDays(1), inclusive: true));
        var exactDate = await WhereIdsAsync(QueryCondition.Equal("created_at", start));

        Assert.Equal(["a", "c"], deepBlue);
        Assert.Equal(["b"], asText);
        Assert.Equal(["b", "c"], sinceSecondDay);
        Assert.Equal(["a"], exactDate);
    }

    [Fact]
    public async Task QueryAsync_In_MatchesAnyListedValue()
    {
        await CreateAllAsync(
            Doc("a") with { Name = "Alpha", Rank = 1 },
            Doc("b") with { Name = "Beta", Rank = 2 },
            Doc("c") with { Name = "Gamma", Rank = 3 });

        var byName = await WhereIdsAsync(QueryCondition.In("name", ["Alpha", "Gamma", "Zeta"]));
        var byRank = await WhereIdsAsync(QueryCondition.In("rank", [2, 3]));
        var none = await WhereIdsAsync(QueryCondition.In("rank", []));

        Assert.Equal(["a", "c"], byName);
        Assert.Equal(["b", "c"], byRank);
        Assert.Empty(none);
    }

    [Fact]
    public async Task QueryAsync_Comparisons_FollowOperatorAndInclusiveness()
    {
        await CreateAllAsync(
            Doc("a") with { Rank = 1, Name = "apple" },
            Doc("b") with { Rank = 2, Name = "banana" },
            Doc("c") with { Rank = 3, Name = "cherry" });

        var below = await WhereIdsAsync(QueryCondition.LessThan("rank", 2));
        var atMost = await WhereIdsAsync(QueryCondition.LessThan("rank", 2, inclusive: true));
        var above = await WhereIdsAsync(QueryCondition.GreaterThan("rank", 2));
        var atLeast = await WhereIdsAsync(QueryCondition.GreaterThan("rank", 2, inclusive: true));
        var between = await QueryIdsAsync(DocumentQuery.All
            .Where(QueryCondition.GreaterThan("rank", 1.5))
            .Where(QueryCondition.LessThan("rank", 2.5)));
        var afterB = await WhereIdsAsync(QueryCondition.GreaterThan("name", "b"));

        Assert.Equal(["a"], below);
        Assert.Equal(["a", "b"], atMost);
        Assert.Equal(["c"], above);
        Assert.Equal(["b", "c"], atLeast);
        Assert.Equal(["b"], between);
        Assert.Equal(["b", "c"], afterB);
    }

    [Fact]
    public async Task QueryAsync_ContainsText_IgnoresCaseAcrossFields()
    {
        await CreateAllAsync(
            Doc("a") with { Name = "Weekly Report", Note = null },
            Doc("b") with { Name = "Other", Note = "see the REPORTING tab" },
            Doc("c") with { Name = "ÄPFEL und Birnen", Note = "été" },
            Doc("d") with { Name = "Nothing", Note = "here" });

        var report = await WhereIdsAsync(QueryCondition.ContainsText(["name", "note"], "rEpOrT"));
        var umlaut = await WhereIdsAsync(QueryCondition.ContainsText(["name"], "äpfel"));
        var accent = await WhereIdsAsync(QueryCondition.ContainsText(["note"], "ÉTÉ"));
        var nameOnly = await WhereIdsAsync(QueryCondition.ContainsText(["name"], "report"));

        Assert.Equal(["a", "b"], report);
        Assert.Equal(["c"], umlaut);
        Assert.Equal(["c"], accent);
        Assert.Equal(["a"], nameOnly);
    }

    [Fact]
    public async Task QueryAsync_ContainsTextWithWildcardCharacters_MatchesThemLiterally()
    {
        await CreateAllAsync(
            Doc("percent") with { Name = "100% pure" },
            Doc("plain") with { Name = "100 pure" },
            Doc("underscore") with { Name = "snake_case" },
            Doc("letter") with { Name = "snakeXcase" },
            Doc("backslash") with { Name = "C:\\temp" });

        var percent = await WhereIdsAsync(QueryCondition.ContainsText(["name"], "0%"));
        var underscore = await WhereIdsAsync(QueryCondition.ContainsText(["name"], "e_c"));
        var wildcardsOnly = await WhereIdsAsync(QueryCondition.ContainsText(["name"], "%_%"));
        var backslash = await WhereIdsAsync(QueryCondition.ContainsText(["name"], ":\\t"));

        Assert.Equal(["percent"], percent);
        Assert.Equal(["underscore"], underscore);
        Assert.Empty(wildcardsOnly);
        Assert.Equal(["backslash"], backslash);
    }

    [Fact]
    public async Task QueryAsync_ArrayContainsAny_MatchesDocumentsHoldingAnyValue()
    {
        await CreateAllAsync(
            Doc("a") with { Tags = ["red", "blue"] },
            Doc("b") with { Tags = ["green"] },
            Doc("c") with { Tags = [] },
            Doc("d") with { Tags = null, Name = "blue" });

        var blueOrGreen = await WhereIdsAsync(QueryCondition.ArrayContainsAny("tags", ["blue", "green"]));
        var purple = await WhereIdsAsync(QueryCondition.ArrayContainsAny("tags", ["purple"]));
        var notAnArray = await WhereIdsAsync(QueryCondition.ArrayContainsAny("name", ["blue"]));
        var noValues = await WhereIdsAsync(QueryCondition.ArrayContainsAny("tags", []));

        Assert.Equal(["a", "b"], blueOrGreen);
        Assert.Empty(purple);
        Assert.Empty(notAnArray);
        Assert.Empty(noValues);
    }

    [Fact]
    public async Task QueryAsync_ConditionsTogether_AllMustHold()
    {
        await CreateAllAsync(
            Doc("a") with { Rank = 1, Active = true, Tags = ["x"] },
            Doc("b") with { Rank = 1, Active = false, Tags = ["x"] },
            Doc("c") with { Rank = 2, Active = true, Tags = ["x"] },
            Doc("d") with { Rank = 1, Active = true, Tags = ["y"] });

        var ids = await QueryIdsAsync(DocumentQuery.All
            .Where(QueryCondition.Equal("rank", 1))
            .Where(QueryCondition.Equal("active", true))
            .Where(QueryCondition.ArrayContainsAny("tags", ["x"])));

        Assert.Equal(["a"], ids);
    }

    [Fact]
    public async Task QueryAsync_OrderedByField_SortsBothWaysWithIdBreakingTies()
    {
        await CreateAllAsync(
            Doc("a") with { Rank = 2 },
            Doc("b") with { Rank = 1 },
            Doc("c") with { Rank = 2 },
            Doc("d") with { Rank = 1 });

        var ascending = await QueryIdsAsync(DocumentQuery.All.OrderedBy("rank"));
        var descending = await QueryIdsAsync(DocumentQuery.All.OrderedBy("rank", descending: true));

        Assert.Equal(["b", "d", "a", "c"], ascending);
        Assert.Equal(["c", "a", "d", "b"], descending);
    }

    [Fact]
    public async Task QueryAsync_OrderedByStringField_SortsOrdinally()
    {
        await CreateAllAsync(
            Doc("1") with { Name = "banana" },
            Doc("2") with { Name = "Apple" },
            Doc("3") with { Name = "apple" });

        var ids = await QueryIdsAsync(DocumentQuery.All.OrderedBy("name"));

        Assert.Equal(["2", "3", "1"], ids);
    }

    [Fact]
    public async Task QueryAsync_NoOrder_SortsById()
    {
        await CreateAllAsync(Doc("c"), Doc("a"), Doc("b"));

        var ascending = await QueryIdsAsync(DocumentQuery.All);
        var descending = await QueryIdsAsync(DocumentQuery.All with { Descending = true });

        Assert.Equal(["a", "b", "c"], ascending);
        Assert.Equal(["c", "b", "a"], descending);
    }

    [Fact]
    public async Task QueryAsync_ContinuationPaging_ReturnsEveryDocumentOnceInOrder()
    {
        var expected = await CreateRankedAsync(25);
        var query = DocumentQuery.All.OrderedBy("rank");
        var seen = new List<string>();
        var pageSizes = new List<int>();
        string? token = null;

        do
        {
            var page = await Store.QueryAsync<ContractDocument>(
                Container, query, new QueryRequest(UserA, MaxItems: 7, ContinuationToken: token), Deadline);
            pageSizes.Add(page.Items.Count);
            seen.AddRange(page.Items.Select(item => item.Document.Id));
            token = page.ContinuationToken;
        }
        while (token is not null && pageSizes.Count < 10);

        Assert.Equal([7, 7, 7, 4], pageSizes);
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task QueryAsync_Offset_ReturnsThatPage()
    {
        var expected = await CreateRankedAsync(25);
        var query = DocumentQuery.All.OrderedBy("rank");

        var middle = await Store.QueryAsync<ContractDocument>(
            Container, query, new QueryRequest(UserA, MaxItems: 7, Offset: 14), Deadline);
        var last = await Store.QueryAsync<ContractDocument>(
            Container, query, new QueryRequest(UserA, MaxItems: 7, Offset: 21), Deadline);
        var beyond = await Store.QueryAsync<ContractDocument>(
            Container, query, new QueryRequest(UserA, MaxItems: 7, Offset: 30), Deadline);

        Assert.Equal(expected[14..21], middle.Items.Select(item => item.Document.Id));
        Assert.NotNull(middle.ContinuationToken);
        Assert.Equal(expected[21..], last.Items.Select(item => item.Document.Id));
        Assert.Null(last.ContinuationToken);
        Assert.Empty(beyond.Items);
        Assert.Null(beyond.ContinuationToken);
    }

    [Fact]
    public async Task QueryAsync_OffsetPageContinued_ReachesTheEnd()
    {
        var expected = await CreateRankedAsync(10);
        var query = DocumentQuery.All.OrderedBy("rank");

        var first = await Store.QueryAsync<ContractDocument>(
            Container, query, new QueryRequest(UserA, MaxItems: 4, Offset: 3), Deadline);
        var next = await Store.QueryAsync<ContractDocument>(
            Container, query, new QueryRequest(UserA, 4, first.ContinuationToken), Deadline);

        Assert.Equal(expected[3..7], first.Items.Select(item => item.Document.Id));
        Assert.Equal(expected[7..], next.Items.Select(item => item.Document.Id));
        Assert.Null(next.ContinuationToken);
    }

    [Fact]
    public async Task QueryAsync_ExactlyOnePageOfResults_HasNoContinuation()
    {
        await CreateRankedAsync(5);

        var page = await Store.QueryAsync<ContractDocument>(
            Container, DocumentQuery.All, new QueryRequest(UserA, MaxItems: 5), Deadline);

        Assert.Equal(5, page.Items.Count);
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task CountAsync_WithConditions_CountsMatchingDocuments()
    {
        await CreateAllAsync(
            Doc("a") with { Rank = 1 }, Doc("b") with { Rank = 2 }, Doc("c") with { Rank = 3 },
            Doc("d", UserB) with { Rank = 3 });

        var all = await Store.CountAsync(Container, DocumentQuery.All, UserA, Deadline);
        var aboveOneQuery = DocumentQuery.All.Where(QueryCondition.GreaterThan("rank", 1)).OrderedBy("name");
        var aboveOne = await Store.CountAsync(Container, aboveOneQuery, UserA, Deadline);
        var rankThreeAnywhere = await Store.CountAsync(
            Container, DocumentQuery.All.Where(QueryCondition.Equal("rank", 3)), null, Deadline);
        var emptyPartition = await Store.CountAsync(Container, DocumentQuery.All, "user-nobody", Deadline);

        Assert.Equal(3, all);
        Assert.Equal(2, aboveOne);
        Assert.Equal(2, rankThreeAnywhere);
        Assert.Equal(0, emptyPartition);
    }

    [Fact]
    public async Task Partitions_AreIsolatedFromEachOther()
    {
        await CreateAllAsync(Doc("a1", UserA), Doc("a2", UserA), Doc("b1", UserB));

        var readAcross = await Store.ReadAsync<ContractDocument>(Container, UserB, "a1", Deadline);
        var idsOfA = await QueryIdsAsync(DocumentQuery.All, UserA);
        var idsOfB = await QueryIdsAsync(DocumentQuery.All, UserB);

        Assert.Null(readAcross);
        Assert.Equal(["a1", "a2"], idsOfA);
        Assert.Equal(["b1"], idsOfB);
        await Assert.ThrowsAsync<DocumentNotFoundException>(() =>
            Store.ReplaceAsync(Container, UserB, "a1", Doc("a1", UserB), null, Deadline));
        await Assert.ThrowsAsync<DocumentNotFoundException>(() =>
            Store.DeleteAsync(Container, UserB, "a1", null, Deadline));
        Assert.NotNull(await Store.ReadAsync<ContractDocument>(Container, UserA, "a1", Deadline));
    }

    [Fact]
    public async Task Containers_AreIsolatedFromEachOther()
    {
        var otherContainer = Container + "_other";
        await Store.CreateAsync(Container, UserA, "doc", Doc("doc"), Deadline);

        var read = await Store.ReadAsync<ContractDocument>(otherContainer, UserA, "doc", Deadline);
        var count = await Store.CountAsync(otherContainer, DocumentQuery.All, null, Deadline);

        Assert.Null(read);
        Assert.Equal(0, count);
    }

    [Fact]
    public async Task QueryAsync_WithoutPartitionKey_CrossesPartitions()
    {
        await CreateAllAsync(
            Doc("x", UserA) with { Rank = 1 },
            Doc("y", UserB) with { Rank = 2 },
            Doc("x", UserB) with { Rank = 3 });

        var page = await Store.QueryAsync<ContractDocument>(
            Container, DocumentQuery.All.OrderedBy("rank"), new QueryRequest(null), Deadline);
        var filtered = await QueryIdsAsync(DocumentQuery.All.Where(QueryCondition.Equal("id", "x")), null);

        Assert.Equal(
            [("x", UserA), ("y", UserB), ("x", UserB)],
            page.Items.Select(item => (item.Document.Id, item.Document.UserId)));
        Assert.Equal(["x", "x"], filtered);
    }

    [Fact]
    public async Task Ttl_DocumentWithTtl_DisappearsOnceItExpires()
    {
        var shortLived = Doc("short-lived") with { Ttl = 1 };
        await Store.CreateAsync(Container, UserA, shortLived.Id, shortLived, Deadline);
        await Store.CreateAsync(Container, UserA, "lasting", Doc("lasting"), Deadline);
        var neverExpires = Doc("never") with { Ttl = -1 };
        await Store.CreateAsync(Container, UserA, neverExpires.Id, neverExpires, Deadline);

        await AdvanceClockAsync(TimeSpan.FromSeconds(1.5));
        var expired = await EventuallyAsync(async () =>
            await Store.ReadAsync<ContractDocument>(Container, UserA, shortLived.Id, Deadline) is null);

        Assert.True(expired, "The document with ttl 1 was still readable after its time to live passed.");
        Assert.Equal(["lasting", "never"], await QueryIdsAsync(DocumentQuery.All));
        Assert.Equal(2, await Store.CountAsync(Container, DocumentQuery.All, UserA, Deadline));
        await Assert.ThrowsAsync<DocumentNotFoundException>(() =>
            Store.ReplaceAsync(Container, UserA, shortLived.Id, shortLived, null, Deadline));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task QueryAsync_MaxItemsOutOfRange_ThrowsArgumentOutOfRange(int maxItems)
    {
        var query = () => Store.QueryAsync<ContractDocument>(
            Container, DocumentQuery.All, new QueryRequest(UserA, maxItems), Deadline);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(query);
    }

    [Theory]
    [InlineData("not a token!")]
    [InlineData("aGVsbG8=")]
    [InlineData("")]
    public async Task QueryAsync_MalformedContinuationToken_ThrowsArgumentException(string token)
    {
        var query = () => Store.QueryAsync<ContractDocument>(
            Container, DocumentQuery.All, new QueryRequest(UserA, ContinuationToken: token), Deadline);

        await Assert.ThrowsAnyAsync<ArgumentException>(query);
    }

    [Fact]
    public async Task QueryAsync_ContinuationTokenAndOffsetTogether_ThrowsArgumentException()
    {
        await CreateRankedAsync(3);
        var first = await Store.QueryAsync<ContractDocument>(
            Container, DocumentQuery.All, new QueryRequest(UserA, MaxItems: 1), Deadline);

        var query = () => Store.QueryAsync<ContractDocument>(
            Container, DocumentQuery.All,
            new QueryRequest(UserA, 1, first.ContinuationToken, Offset: 1), Deadline);

        await Assert.ThrowsAnyAsync<ArgumentException>(query);
    }

    [Theory]
    [InlineData("Name")]
    [InlineData("$.name")]
    [InlineData("name; DROP TABLE documents")]
    [InlineData("name')")]
    [InlineData("a..b")]
    [InlineData("1st")]
    [InlineData("")]
    public async Task QueryAsync_InvalidFieldPath_ThrowsArgumentException(string field)
    {
        var filter = () => Store.QueryAsync<ContractDocument>(
            Container, DocumentQuery.All.Where(QueryCondition.Equal(field, "x")), new QueryRequest(UserA),
            Deadline);
        var order = () => Store.QueryAsync<ContractDocument>(
            Container, DocumentQuery.All.OrderedBy(field), new QueryRequest(UserA), Deadline);
        var count = () => Store.CountAsync(
            Container, DocumentQuery.All.Where(QueryCondition.ContainsText([field], "x")), UserA, Deadline);

        await Assert.ThrowsAnyAsync<ArgumentException>(filter);
        await Assert.ThrowsAnyAsync<ArgumentException>(order);
        await Assert.ThrowsAnyAsync<ArgumentException>(count);
    }

    [Fact]
    public async Task QueryAsync_ValueThatIsNotAJsonScalar_ThrowsArgumentException()
    {
        var arrayValue = DocumentQuery.All.Where(QueryCondition.Equal("tags", new List<string> { "a" }));

        var query = () =>
            Store.QueryAsync<ContractDocument>(Container, arrayValue, new QueryRequest(UserA), Deadline);

        await Assert.ThrowsAnyAsync<ArgumentException>(query);
    }

    protected static ContractDocument Doc(string id, string userId = UserA) =>
        new(id, userId, "Name of " + id);

    protected async Task CreateAllAsync(params ContractDocument[] documents)
    {
        foreach (var document in documents)
        {
            await Store.CreateAsync(Container, document.UserId, document.Id, document, Deadline);
        }
    }

    protected Task<List<string>> WhereIdsAsync(QueryCondition condition) =>
        QueryIdsAsync(DocumentQuery.All.Where(condition));

    protected async Task<List<string>> QueryIdsAsync(DocumentQuery query, string? partitionKey = UserA)
    {
        var page = await Store.QueryAsync<JsonElement>(
            Container, query, new QueryRequest(partitionKey, MaxItems: 1000), Deadline);
        Assert.Null(page.ContinuationToken);
        return [.. page.Items.Select(item => item.Document.GetProperty("id").GetString()!)];
    }

    private async Task CreateRawAsync(string id, JsonNode? value)
    {
        var document = new JsonObject { ["id"] = id, ["user_id"] = UserA, ["value"] = value };
        await Store.CreateAsync(Container, UserA, id, document, Deadline);
    }

    private async Task CreateRawAsync(string id)
    {
        var document = new JsonObject { ["id"] = id, ["user_id"] = UserA };
        await Store.CreateAsync(Container, UserA, id, document, Deadline);
    }

    /// <summary>Creates documents with repeating ranks; returns their ids in rank, then id, order.</summary>
    private async Task<string[]> CreateRankedAsync(int count)
    {
        var documents = Enumerable.Range(0, count)
            .Select(index => Doc($"doc-{index:D2}") with { Rank = (index * 7) % 5 })
            .ToList();
        await CreateAllAsync([.. documents]);
        return [.. documents
            .OrderBy(document => document.Rank)
            .ThenBy(document => document.Id, StringComparer.Ordinal)
            .Select(document => document.Id)];
    }

    private async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > ExpiryGrace)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), Deadline);
        }

        return true;
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, RecomAmpJson.Options);
}
