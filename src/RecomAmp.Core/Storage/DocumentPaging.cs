namespace RecomAmp.Core.Storage;

/// <summary>The paging rules every adapter applies to a <see cref="QueryRequest"/>.</summary>
internal static class DocumentPaging
{
    public const int MaxItemsLimit = 1000;

    public static void Validate(QueryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.PartitionKey is { Length: 0 })
        {
            throw new ArgumentException(
                "A partition key cannot be empty; use null to cross partitions.", nameof(request));
        }

        if (request.MaxItems is < 1 or > MaxItemsLimit)
        {
            throw new ArgumentOutOfRangeException(
                nameof(request), request.MaxItems, $"MaxItems must be between 1 and {MaxItemsLimit}.");
        }

        if (request.Offset < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(request), request.Offset, "Offset cannot be negative.");
        }

        if (request.ContinuationToken is not null && request.Offset != 0)
        {
            throw new ArgumentException(
                "Give either a continuation token or an offset, not both.", nameof(request));
        }
    }
}
