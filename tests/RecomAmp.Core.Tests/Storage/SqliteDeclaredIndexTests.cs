using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using RecomAmp.Core.Storage;
using RecomAmp.Core.Storage.Embedded;

namespace RecomAmp.Core.Tests.Storage;

/// <summary>
/// The expression indexes the embedded store makes from <see cref="StorageContainers.IndexedFields"/>.
/// </summary>
public sealed class SqliteDeclaredIndexTests : IDisposable
{
    private readonly TemporaryDataFolder _folder = new();
    private readonly SqliteDocumentStore _store;

    public SqliteDeclaredIndexTests()
    {
        _store = new SqliteDocumentStore(
            _folder.CreateDataFolder(), TimeProvider.System, NullLogger<SqliteDocumentStore>.Instance);
    }

    public void Dispose()
    {
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Open_CreatesOneIndexPerDeclaredField()
    {
        await _store.CountAsync(StorageContainers.Schedules, DocumentQuery.All, null, default);

        var names = await IndexNamesAsync();

        var expected = StorageContainers.IndexedFields.Sum(container => container.Value.Count);
        Assert.Equal(expected, names.Count(name => name.StartsWith("ixf_", StringComparison.Ordinal)));
        Assert.Contains("ixf_schedules__next_run_at", names);
        Assert.Contains("ixf_schedules__pending_claim__claimed_at", names);
    }

    [Fact]
    public async Task CrossPartitionRangeOrderedByIndexedField_SearchesTheIndexWithoutSorting()
    {
        var query = DocumentQuery.All
            .Where(QueryCondition.LessThan("next_run_at", "2024-01-01T00:00:00.0000000Z", inclusive: true))
            .Where(QueryCondition.Equal("is_active", true))
            .OrderedBy("next_run_at");

        var plan = await _store.ExplainQueryAsync(
            StorageContainers.Schedules, query, new QueryRequest(null, 100), default);

        var step = Assert.Single(plan);
        Assert.StartsWith("SEARCH d USING INDEX ixf_schedules__next_run_at (container=? AND <expr><?)", step);
    }

    [Fact]
    public async Task EqualityOnIndexedField_SearchesTheIndex()
    {
        var query = DocumentQuery.All.Where(QueryCondition.Equal("status", "RUNNING"));

        var plan = await _store.ExplainQueryAsync(
            StorageContainers.ScheduleRuns, query, new QueryRequest(null, 100), default);

        Assert.Equal(["SEARCH d USING INDEX ixf_schedule_runs__status (container=? AND <expr>=?)"], plan);
    }

    [Fact]
    public async Task RangeOnFieldNotDeclared_ReadsEveryDocumentOfTheContainerAndSorts()
    {
        var query = DocumentQuery.All
            .Where(QueryCondition.LessThan("created_at", "2024-01-01T00:00:00.0000000Z"))
            .OrderedBy("created_at");

        var plan = await _store.ExplainQueryAsync(
            StorageContainers.Schedules, query, new QueryRequest(null, 100), default);

        // Any index that starts with the container serves (a declared one is smaller), but no range is
        // searched.
        Assert.Contains(plan, step => step.EndsWith("(container=?)", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IndexedQuery_ReturnsTheSameDocumentsAsTheContract()
    {
        IndexedDocument[] documents =
        [
            new("a", "u1", "2024-01-03"),
            new("b", "u2", "2024-01-01"),
            new("c", "u1", "2024-01-02"),
            new("d", "u3", "2024-02-01"),
        ];
        foreach (var document in documents)
        {
            await _store.CreateAsync(
                StorageContainers.Schedules, document.UserId, document.Id, document, default);
        }

        var elsewhere = new IndexedDocument("w", "u1", "2024-01-01");
        await _store.CreateAsync(StorageContainers.Workflows, "u1", "w", elsewhere, default);
        var query = DocumentQuery.All
            .Where(QueryCondition.LessThan("next_run_at", "2024-01-31", inclusive: true))
            .OrderedBy("next_run_at");

        var page = await _store.QueryAsync<IndexedDocument>(
            StorageContainers.Schedules, query, new QueryRequest(null, 10), default);

        Assert.Equal(["b", "c", "a"], page.Items.Select(item => item.Document.Id));
    }

    [Fact]
    public async Task Open_DropsIndexesNoLongerDeclared()
    {
        await _store.CountAsync(StorageContainers.Schedules, DocumentQuery.All, null, default);
        await ExecuteAsync(
            "CREATE INDEX ixf_schedules__retired ON documents (container, json_extract(body, '$.retired'))");
        SqliteConnection.ClearAllPools();

        using var reopened = new SqliteDocumentStore(
            _folder.CreateDataFolder(), TimeProvider.System, NullLogger<SqliteDocumentStore>.Instance);
        await reopened.CountAsync(StorageContainers.Schedules, DocumentQuery.All, null, default);

        Assert.DoesNotContain("ixf_schedules__retired", await IndexNamesAsync());
        Assert.Contains("ixf_schedules__next_run_at", await IndexNamesAsync());
    }

    [Fact]
    public void Statements_ContainerNameThatIsNotPlain_Throws()
    {
        var declaration = new Dictionary<string, IReadOnlyList<string>> { ["bad'name"] = ["field"] };

        Assert.Throws<InvalidOperationException>(() => SqliteDeclaredIndexes.Statements(declaration));
    }

    [Fact]
    public void Statements_FieldThatIsNotAPath_Throws()
    {
        var declaration = new Dictionary<string, IReadOnlyList<string>> { ["things"] = ["a') OR ('1"] };

        Assert.Throws<ArgumentException>(() => SqliteDeclaredIndexes.Statements(declaration));
    }

    private async Task<List<string>> IndexNamesAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_store.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index'";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_store.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private sealed record IndexedDocument(string Id, string UserId, string NextRunAt);
}
