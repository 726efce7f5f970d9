namespace RecomAmp.Core.Storage;

/// <summary>
/// Where and how much to read. Either page on with <see cref="ContinuationToken"/> (as returned by the
/// previous page), or jump to a position with <see cref="Offset"/> (for numbered pages); not both, which is an
/// <see cref="ArgumentException"/>. A <see cref="MaxItems"/> outside 1 to 1000 is an
/// <see cref="ArgumentOutOfRangeException"/>.
/// </summary>
/// <param name="PartitionKey">The partition to read; null crosses partitions.</param>
/// <param name="MaxItems">At most this many items per page (1 to 1000).</param>
/// <param name="ContinuationToken">An opaque token from the previous page.</param>
/// <param name="Offset">Documents to skip before the page starts.</param>
public sealed record QueryRequest(
    string? PartitionKey, int MaxItems = 100, string? ContinuationToken = null, int Offset = 0);
