using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RecomAmp.Core.Storage;
using RecomAmp.Core.Storage.Embedded;

namespace RecomAmp.Core.Tests.Storage;

/// <summary>
/// The store contract against the embedded SQLite store, plus what only the embedded store promises. The
/// tests of this class share one temporary data folder (each uses a container of its own) and a clock they
/// move by hand.
/// </summary>
public sealed class SqliteDocumentStoreTests(TemporaryDataFolder folder)
    : DocumentStoreContractTests, IClassFixture<TemporaryDataFolder>
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly List<SqliteDocumentStore> _extraStores = [];

    protected override TimeSpan ExpiryGrace => TimeSpan.Zero;

    protected override Task<IDocumentStore> CreateStoreAsync(string container) =>
        Task.FromResult<IDocumentStore>(NewStore());

    protected override Task AdvanceClockAsync(TimeSpan by)
    {
        _clock.Advance(by);
        return Task.CompletedTask;
    }

    public override async Task DisposeAsync()
    {
        foreach (var store in _extraStores)
        {
            store.Dispose();
        }

        await base.DisposeAsync();
    }

    [Fact]
    public async Task FirstUse_CreatesWalDatabaseFileInDataFolder()
    {
        await Store.CountAsync(Container, DocumentQuery.All, null, Deadline);

        var path = Path.Combine(folder.Path, SqliteDocumentStore.DatabaseFileName);
        Assert.True(File.Exists(path));
        Assert.Equal("wal", await ScalarAsync("PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task NewStoreOnSameFolder_SeesEarlierWrites()
    {
        var created = await Store.CreateAsync(
            Container, UserA, "kept", Doc("kept") with { Rank = 9 }, Deadline);
        await Store.CreateAsync(Container, UserB, "also-kept", Doc("also-kept", UserB), Deadline);
        ((IDisposable)Store).Dispose();

        using var reopened = NewStore();
        var read = await reopened.ReadAsync<ContractDocument>(Container, UserA, "kept", Deadline);
        var count = await reopened.CountAsync(Container, DocumentQuery.All, null, Deadline);

        Assert.Equal(9, read?.Document.Rank);
        Assert.Equal(created.ETag, read?.ETag);
        Assert.Equal(2, count);
    }

    [Fact]
    public async Task CreateAsync_FromManyThreadsAtOnce_AllLand()
    {
        const int threads = 8;
        const int documentsPerThread = 25;
        var secondStore = NewStore();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writers = Enumerable.Range(0, threads).Select(thread => Task.Run(async () =>
        {
            // Half the threads write through a second store on the same file, as a second process would.
            var store = thread % 2 == 0 ? Store : secondStore;
            await start.Task;
            for (var index = 0; index < documentsPerThread; index++)
            {
                var id = $"t{thread}-d{index}";
                await store.CreateAsync(Container, UserA, id, Doc(id) with { Rank = index }, Deadline);
            }
        })).ToList();

        start.SetResult();
        await Task.WhenAll(writers);

        var count = await Store.CountAsync(Container, DocumentQuery.All, UserA, Deadline);
        var ids = await QueryIdsAsync(DocumentQuery.All);
        Assert.Equal(threads * documentsPerThread, count);
        Assert.Equal(threads * documentsPerThread, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Ttl_UntilItPasses_DocumentStaysVisible()
    {
        var document = Doc("expiring") with { Ttl = 1 };
        await Store.CreateAsync(Container, UserA, document.Id, document, Deadline);

        _clock.Advance(TimeSpan.FromMilliseconds(999));
        var beforeExpiry = await Store.ReadAsync<ContractDocument>(Container, UserA, document.Id, Deadline);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var atExpiry = await Store.ReadAsync<ContractDocument>(Container, UserA, document.Id, Deadline);

        Assert.NotNull(beforeExpiry);
        Assert.Null(atExpiry);
    }

    [Fact]
    public async Task Ttl_ReplaceWithoutTtl_KeepsDocumentForever()
    {
        var expiring = Doc("renewed") with { Ttl = 1 };
        await Store.CreateAsync(Container, UserA, expiring.Id, expiring, Deadline);

        await Store.ReplaceAsync(Container, UserA, expiring.Id, expiring with { Ttl = null }, null, Deadline);
        _clock.Advance(TimeSpan.FromDays(400));

        Assert.NotNull(await Store.ReadAsync<ContractDocument>(Container, UserA, expiring.Id, Deadline));
    }

    [Fact]
    public async Task CreateAsync_OverExpiredDocument_Succeeds()
    {
        var expiring = Doc("reused") with { Ttl = 1, Rank = 1 };
        await Store.CreateAsync(Container, UserA, expiring.Id, expiring, Deadline);
        _clock.Advance(TimeSpan.FromSeconds(2));

        var created = await Store.CreateAsync(
            Container, UserA, expiring.Id, expiring with { Ttl = null, Rank = 2 }, Deadline);

        var read = await Store.ReadAsync<ContractDocument>(Container, UserA, expiring.Id, Deadline);
        Assert.Equal(2, read?.Document.Rank);
        Assert.Equal(created.ETag, read?.ETag);
    }

    [Fact]
    public async Task Writes_AfterThePurgeInterval_RemoveExpiredRows()
    {
        foreach (var id in new[] { "gone-1", "gone-2" })
        {
            await Store.CreateAsync(Container, UserA, id, Doc(id) with { Ttl = 5 }, Deadline);
        }

        await Store.CreateAsync(Container, UserA, "stays", Doc("stays"), Deadline);
        var rowsBefore = await CountRowsAsync();

        _clock.Advance(TimeSpan.FromMinutes(2));
        await Store.UpsertAsync(Container, UserA, "stays", Doc("stays"), Deadline);
        var rowsAfter = await CountRowsAsync();

        Assert.Equal(3, rowsBefore);
        Assert.Equal(1, rowsAfter);
    }

    [Fact]
    public async Task CreateAsync_PartitionKeyPropertyDiffersInKnownContainer_ThrowsArgumentException()
    {
        var userId = "user-" + Guid.NewGuid().ToString("N");
        var document = Doc("mismatch", userId);

        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            Store.CreateAsync(StorageContainers.Workflows, "someone-else", document.Id, document, Deadline));
        var created = await Store.CreateAsync(
            StorageContainers.Workflows, userId, document.Id, document, Deadline);

        Assert.NotNull(created.ETag);
        Assert.Null(await Store.ReadAsync<ContractDocument>(
            StorageContainers.Workflows, "someone-else", document.Id, Deadline));
    }

    [Fact]
    public async Task Dispose_ThenUse_ThrowsObjectDisposed()
    {
        var store = NewStore();
        store.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() =>
            store.ReadAsync<ContractDocument>(Container, UserA, "any", Deadline));
    }

    private SqliteDocumentStore NewStore()
    {
        var store = new SqliteDocumentStore(
            folder.CreateDataFolder(), _clock, NullLogger<SqliteDocumentStore>.Instance);
        _extraStores.Add(store);
        return store;
    }

    private async Task<long> CountRowsAsync()
    {
        var count = await ScalarAsync($"SELECT COUNT(*) FROM documents WHERE container = '{Container}'");
        return (long)count!;
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder.Path, SqliteDocumentStore.DatabaseFileName),
            Pooling = false,
        }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(Deadline);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Deadline);
    }
}
