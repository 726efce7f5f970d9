namespace RecomAmp.Core.Common;

/// <summary>The list shape of routes that are not paged: <c>{"data": [...]}</c>.</summary>
public sealed record ListResponse<T>(IReadOnlyList<T> Data);
