using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;
using RecomAmp.Core.Common;
using RecomAmp.Core.Storage;
using RecomAmp.Core.Storage.Cosmos;

namespace RecomAmp.Core.Tests.Storage;

/// <summary>
/// The store contract against Cosmos DB (the local Cosmos-compatible server, or the account that
/// RECOMAMP_COSMOS_ENDPOINT names), plus what only the Cosmos store promises. Time is real, so expiry is
/// waited for. The tests of this class share one database; each uses a container of its own.
/// </summary>
public sealed class CosmosDocumentStoreTests(CosmosDatabaseFixture database)
    : DocumentStoreContractTests, IClassFixture<CosmosDatabaseFixture>
{
    protected override async Task<IDocumentStore> CreateStoreAsync(string container)
    {
        // The contract orders by these fields and expects ties broken by id.
        await database.CreateContainerAsync(container, "/user_id", "rank", "name");
        return database.CreateStore();
    }

    [Fact]
    public async Task FirstWrite_ToAKnownContainer_CreatesItWithPartitionKeyTtlAndIndexes()
    {
        var userId = "user-" + Guid.NewGuid().ToString("N");

        await Store.CreateAsync(StorageContainers.Workflows, userId, "first", Doc("first", userId), Deadline);

        var container = database.Database.GetContainer(StorageContainers.Workflows);
        var properties = (await container.ReadContainerAsync(cancellationToken: Deadline)).Resource;
        Assert.Equal("/user_id", properties.PartitionKeyPath);
        Assert.Equal(-1, properties.DefaultTimeToLive);
        var orderings = CosmosIndexing.OrderingsWithIdTieBreak(properties);
        Assert.Contains("updated_at DESC", orderings);
        Assert.Contains("created_at ASC", orderings);
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
    public async Task CreateAsync_Always_StoresExactlyTheProductsJsonBesideCosmosSystemProperties()
    {
        var document = Doc("exact") with
        {
            Tags = ["a", "b"],
            Address = new ContractAddress("Köln", null),
            CreatedAt = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero),
            Color = ContractColor.DeepBlue,
        };

        var created = await Store.CreateAsync(Container, UserA, document.Id, document, Deadline);

        using var response = await database.Database.GetContainer(Container)
            .ReadItemStreamAsync(document.Id, new PartitionKey(UserA), cancellationToken: Deadline);
        var stored = JsonNode.Parse(response.Content)!.AsObject();
        Assert.Equal(created.ETag, stored["_etag"]!.GetValue<string>());
        foreach (var system in new[] { "_rid", "_self", "_etag", "_ts", "_attachments" })
        {
            stored.Remove(system);
        }

        var expected = JsonNode.Parse(JsonSerializer.Serialize(document, RecomAmpJson.Options));
        Assert.True(JsonNode.DeepEquals(expected, stored), stored.ToJsonString());
    }

    [Fact]
    public async Task QueryAsync_ArrayContainsAnyWithManyValues_MatchesLikeFewValues()
    {
        await CreateAllAsync(
            Doc("a") with { Tags = ["red", "blue"] },
            Doc("b") with { Tags = ["green"] },
            Doc("c") with { Tags = [] },
            Doc("d") with { Tags = null });
        var many = Enumerable.Range(0, CosmosQueryTranslator.MaxArrayContainsAlternatives + 5)
            .Select(index => (object)$"colour-{index}")
            .Append("blue")
            .ToList();

        var ids = await WhereIdsAsync(QueryCondition.ArrayContainsAny("tags", many));

        Assert.Equal(["a"], ids);
    }

    [Fact]
    public async Task QueryAsync_OrderedByFieldWithoutCompositeIndex_StillSorts()
    {
        await CreateAllAsync(
            Doc("a") with { Score = 2.5 }, Doc("b") with { Score = -1 }, Doc("c") with { Score = 10 });

        var ascending = await QueryIdsAsync(DocumentQuery.All.OrderedBy("score"));
        var descending = await QueryIdsAsync(DocumentQuery.All.OrderedBy("score", descending: true));

        Assert.Equal(["b", "a", "c"], ascending);
        Assert.Equal(["c", "a", "b"], descending);
    }

    [Fact]
    public async Task CreateAsync_ContainerThatDoesNotExist_ThrowsInvalidOperationSayingSo()
    {
        var missing = Container + "_missing";

        var create = () => Store.CreateAsync(missing, UserA, "doc", Doc("doc"), Deadline);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(create);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ttl_ExpiredDocument_IsGoneFromTheServerToo()
    {
        var shortLived = Doc("purged") with { Ttl = 1 };
        await Store.CreateAsync(Container, UserA, shortLived.Id, shortLived, Deadline);

        await Task.Delay(TimeSpan.FromSeconds(2), Deadline);
        var raw = await database.Database.GetContainer(Container)
            .ReadItemStreamAsync(shortLived.Id, new PartitionKey(UserA), cancellationToken: Deadline);

        Assert.Equal(HttpStatusCode.NotFound, raw.StatusCode);
    }
}
