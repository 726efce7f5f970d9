namespace RecomAmp.Core.Storage;

/// <summary>One page of query results; <see cref="ContinuationToken"/> is null on the last page.</summary>
public sealed record DocumentPage<T>(IReadOnlyList<StoredDocument<T>> Items, string? ContinuationToken);
