namespace RecomAmp.Core.Common;

/// <summary>The list shape of every paged route.</summary>
public sealed record PagedResponse<T>(IReadOnlyList<T> Data, Pagination Pagination);
