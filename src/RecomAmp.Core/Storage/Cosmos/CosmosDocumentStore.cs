using System.Net;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RecomAmp.Core.Storage.Cosmos;

/// <summary>
/// The Cosmos DB for NoSQL <see cref="IDocumentStore"/>: one database
/// (<see cref="CosmosOptions.DatabaseName"/>), one Cosmos DB container per store container, partitioned as
/// <see cref="StorageContainers"/> says. Documents are
/// written and read as JSON streams in exactly the form the embedded store keeps. Safe for concurrent use;
/// register one per process (a singleton), over the process's one <see cref="CosmosClient"/>.
/// </summary>
/// <remarks>
/// <para>
/// Each write is one conditional request, so an ETag (If-Match) decides between concurrent writers; nothing
/// uses transactional batches, bulk mode or hierarchical partition keys. Time to live is Cosmos DB's own: the
/// store's containers have it switched on without a default, so a document's <c>ttl</c> applies.
/// </para>
/// <para>
/// Pages read on with Cosmos DB's continuation tokens; a page asked for by offset uses OFFSET/LIMIT, whose
/// cost grows with the offset. To return no continuation after the last page, a full page that Cosmos DB
/// says may have more is followed by a one-item look-ahead.
/// </para>
/// </remarks>
public sealed class CosmosDocumentStore : IDocumentStore
{
    private readonly CosmosContainerCatalog _catalog;
    private readonly ILogger<CosmosDocumentStore> _logger;

    public CosmosDocumentStore(
        CosmosClient client, IOptions<CosmosOptions> options, ILogger<CosmosDocumentStore> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _catalog = new CosmosContainerCatalog(client, options.Value, logger);
        _logger = logger;
    }

    /// <summary>The database the store keeps its containers in.</summary>
    public string DatabaseName => _catalog.DatabaseName;

    /// <inheritdoc/>
    public async Task<StoredDocument<T>?> ReadAsync<T>(
        string container, string partitionKey, string id, CancellationToken cancellationToken)
    {
        DocumentLocation.Validate(container, partitionKey);
        ArgumentNullException.ThrowIfNull(id);
        if (!DocumentLocation.IsPossibleId(id))
        {
            return null;
        }

        var target = await _catalog.ContainerAsync(container, cancellationToken);
        using var response = await target.ReadItemStreamAsync(
            id, new PartitionKey(partitionKey), cancellationToken: cancellationToken);

        // A missing container holds no documents either.
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var document = await CosmosDocumentJson.ReadAsync<T>(response.Content, cancellationToken);
        return new StoredDocument<T>(document, response.Headers.ETag);
    }

    /// <inheritdoc/>
    public async Task<StoredDocument<T>> CreateAsync<T>(
        string container, string partitionKey, string id, T document, CancellationToken cancellationToken)
    {
        DocumentLocation.Validate(container, partitionKey);
        DocumentLocation.ValidateNewId(id);
        var serialized = DocumentJson.Serialize(container, partitionKey, id, document);

        var target = await _catalog.ContainerAsync(container, cancellationToken);
        using var body = CosmosDocumentJson.Body(serialized, id);
        using var response = await target.CreateItemStreamAsync(
            body, new PartitionKey(partitionKey), cancellationToken: cancellationToken);

        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            throw new DocumentConflictException(
                $"A document with id '{id}' already exists in partition '{partitionKey}' of '{container}'.");
        }

        ThrowIfWriteFailed(response, container);
        return new StoredDocument<T>(document, response.Headers.ETag);
    }

    /// <inheritdoc/>
    public async Task<StoredDocument<T>> ReplaceAsync<T>(
        string container, string partitionKey, string id, T document, string? ifMatch,
        CancellationToken cancellationToken)
    {
        DocumentLocation.Validate(container, partitionKey);
        ArgumentNullException.ThrowIfNull(id);
        if (!DocumentLocation.IsPossibleId(id))
        {
            throw NotFound(container, partitionKey, id);
        }

        var serialized = DocumentJson.Serialize(container, partitionKey, id, document);

        var target = await _catalog.ContainerAsync(container, cancellationToken);
        using var body = CosmosDocumentJson.Body(serialized, id);
        using var response = await target.ReplaceItemStreamAsync(
            body, id, new PartitionKey(partitionKey), Conditional(ifMatch), cancellationToken);

        ThrowIfMissingOrChanged(response, container, partitionKey, id);
        ThrowIfWriteFailed(response, container);
        return new StoredDocument<T>(document, response.Headers.ETag);
    }

    /// <inheritdoc/>
    public async Task<StoredDocument<T>> UpsertAsync<T>(
        string container, string partitionKey, string id, T document, CancellationToken cancellationToken)
    {
        DocumentLocation.Validate(container, partitionKey);
        DocumentLocation.ValidateNewId(id);
        var serialized = DocumentJson.Serialize(container, partitionKey, id, document);

        var target = await _catalog.ContainerAsync(container, cancellationToken);
        using var body = CosmosDocumentJson.Body(serialized, id);
        using var response = await target.UpsertItemStreamAsync(
            body, new PartitionKey(partitionKey), cancellationToken: cancellationToken);

        ThrowIfWriteFailed(response, container);
        return new StoredDocument<T>(document, response.Headers.ETag);
    }

    /// <inheritdoc/>
    public async Task DeleteAsync(
        string container, string partitionKey, string id, string? ifMatch,
        CancellationToken cancellationToken)
    {
        DocumentLocation.Validate(container, partitionKey);
        ArgumentNullException.ThrowIfNull(id);
        if (!DocumentLocation.IsPossibleId(id))
        {
            throw NotFound(container, partitionKey, id);
        }

        var target = await _catalog.ContainerAsync(container, cancellationToken);
        using var response = await target.DeleteItemStreamAsync(
            id, new PartitionKey(partitionKey), Conditional(ifMatch), cancellationToken);

        ThrowIfMissingOrChanged(response, container, partitionKey, id);
        response.EnsureSuccessStatusCode();
    }

    /// <inheritdoc/>
    public async Task<DocumentPage<T>> QueryAsync<T>(
        string container, DocumentQuery query, QueryRequest request, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(container);
        DocumentPaging.Validate(request);
        var position = request.ContinuationToken is null
            ? null
            : CosmosContinuationToken.Decode(request.ContinuationToken, nameof(request));

        var info = await _catalog.InfoAsync(container, cancellationToken);
        var translated = CosmosQueryTranslator.Translate(
            query, (field, descending) => info?.HasIdTieBreak(field, descending) ?? false);
        if (info is null)
        {
            return new DocumentPage<T>([], null);
        }

        var offset = position?.Offset ?? request.Offset;
        var page = position?.CosmosToken is null && offset > 0
            ? await ReadWindowAsync<T>(info, translated, request, offset, cancellationToken)
            : await ReadOnAsync<T>(info, translated, request, position?.CosmosToken, cancellationToken);

        if (request.PartitionKey is null)
        {
            CosmosStoreLog.CrossPartitionQuery(_logger, container, page.RequestCharge);
        }

        return new DocumentPage<T>(page.Items, page.ContinuationToken);
    }

    /// <inheritdoc/>
    public async Task<long> CountAsync(
        string container, DocumentQuery query, string? partitionKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(container);
        if (partitionKey is not null)
        {
            ArgumentException.ThrowIfNullOrEmpty(partitionKey);
        }

        var translated = CosmosQueryTranslator.Translate(query, (_, _) => false);
        var info = await _catalog.InfoAsync(container, cancellationToken);
        if (info is null)
        {
            return 0;
        }

        // An aggregate over several partitions arrives as one value, possibly after empty pages.
        long count = 0;
        using var iterator = info.Container.GetItemQueryIterator<long>(
            translated.Count(), requestOptions: QueryOptions(partitionKey, maxItems: null));
        while (iterator.HasMoreResults)
        {
            var page = await iterator.ReadNextAsync(cancellationToken);
            count += page.Sum();
        }

        return count;
    }

    /// <summary>Reads on from a Cosmos DB continuation token (or the start) until a page is full.</summary>
    private static async Task<QueriedPage<T>> ReadOnAsync<T>(
        CosmosContainerInfo info, CosmosTranslatedQuery translated, QueryRequest request, string? cosmosToken,
        CancellationToken cancellationToken)
    {
        var definition = translated.Select();
        var items = new List<StoredDocument<T>>(request.MaxItems);
        var charge = 0.0;

        // Cosmos DB may return short pages, so ask again for what is missing; asking for no more than that
        // keeps the token pointing just past the last item returned.
        do
        {
            var (page, next, pageCharge) = await ReadPageAsync<T>(
                info, definition, cosmosToken, request.PartitionKey, request.MaxItems - items.Count,
                cancellationToken);
            items.AddRange(page);
            cosmosToken = next;
            charge += pageCharge;
        }
        while (items.Count < request.MaxItems && cosmosToken is not null);

        // A full page may be the last one; a look-ahead tells, so that no token leads to an empty page.
        var lookAhead = cosmosToken;
        while (lookAhead is not null)
        {
            var (page, next, pageCharge) = await ReadPageAsync<T>(
                info, definition, lookAhead, request.PartitionKey, 1, cancellationToken);
            charge += pageCharge;
            if (page.Count > 0)
            {
                break;
            }

            lookAhead = next;
        }

        var token = lookAhead is null ? null : CosmosContinuationToken.FromCosmos(cosmosToken!);
        return new QueriedPage<T>(items, token, charge);
    }

    /// <summary>
    /// Reads the page at an offset with OFFSET/LIMIT, one item more than asked to know whether more follow.
    /// </summary>
    private static async Task<QueriedPage<T>> ReadWindowAsync<T>(
        CosmosContainerInfo info, CosmosTranslatedQuery translated, QueryRequest request, long offset,
        CancellationToken cancellationToken)
    {
        var definition = translated.SelectWindow(offset, request.MaxItems + 1);
        var items = new List<StoredDocument<T>>(request.MaxItems + 1);
        var charge = 0.0;
        string? cosmosToken = null;
        do
        {
            var (page, next, pageCharge) = await ReadPageAsync<T>(
                info, definition, cosmosToken, request.PartitionKey, request.MaxItems + 1 - items.Count,
                cancellationToken);
            items.AddRange(page);
            cosmosToken = next;
            charge += pageCharge;
        }
        while (items.Count <= request.MaxItems && cosmosToken is not null);

        if (items.Count <= request.MaxItems)
        {
            return new QueriedPage<T>(items, null, charge);
        }

        items.RemoveRange(request.MaxItems, items.Count - request.MaxItems);
        var token = CosmosContinuationToken.FromOffset(offset + request.MaxItems);
        return new QueriedPage<T>(items, token, charge);
    }

    private static async Task<(List<StoredDocument<T>> Items, string? Next, double Charge)> ReadPageAsync<T>(
        CosmosContainerInfo info, QueryDefinition definition, string? cosmosToken, string? partitionKey,
        int maxItems, CancellationToken cancellationToken)
    {
        using var iterator = info.Container.GetItemQueryStreamIterator(
            definition, cosmosToken, QueryOptions(partitionKey, maxItems));
        using var response = await iterator.ReadNextAsync(cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return ([], null, response.Headers.RequestCharge);
        }

        if (response.StatusCode == HttpStatusCode.BadRequest && cosmosToken is not null)
        {
            throw new ArgumentException(
                "The continuation token is not one this store issued for this query.");
        }

        response.EnsureSuccessStatusCode();
        var items = await CosmosDocumentJson.ReadPageAsync<T>(response.Content, cancellationToken);
        return (items, response.ContinuationToken, response.Headers.RequestCharge);
    }

    private static QueryRequestOptions QueryOptions(string? partitionKey, int? maxItems) => new()
    {
        PartitionKey = partitionKey is null ? null : new PartitionKey(partitionKey),
        MaxItemCount = maxItems ?? -1,
    };

    private static ItemRequestOptions? Conditional(string? ifMatch) =>
        ifMatch is null ? null : new ItemRequestOptions { IfMatchEtag = ifMatch };

    private static void ThrowIfMissingOrChanged(
        ResponseMessage response, string container, string partitionKey, string id)
    {
        switch (response.StatusCode)
        {
            case HttpStatusCode.NotFound:
                throw NotFound(container, partitionKey, id);
            case HttpStatusCode.PreconditionFailed:
                throw new DocumentPreconditionFailedException(
                    $"Document '{id}' in partition '{partitionKey}' of '{container}' changed since the given "
                    + "ETag.");
            default:
                break;
        }
    }

    private static void ThrowIfWriteFailed(ResponseMessage response, string container)
    {
        switch (response.StatusCode)
        {
            case HttpStatusCode.NotFound:
                throw new InvalidOperationException(
                    $"The Cosmos DB container '{container}' does not exist. Deploy it, or set "
                    + $"{CosmosOptions.SectionName}:CreateIfMissing for a container the product knows.");
            case HttpStatusCode.BadRequest:
                throw new ArgumentException($"Cosmos DB refused the document: {response.ErrorMessage}");
            default:
                response.EnsureSuccessStatusCode();
                break;
        }
    }

    private static DocumentNotFoundException NotFound(string container, string partitionKey, string id) =>
        new($"No document '{id}' in partition '{partitionKey}' of '{container}'.");

    private sealed record QueriedPage<T>(
        List<StoredDocument<T>> Items, string? ContinuationToken, double RequestCharge);
}
