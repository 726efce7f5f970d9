namespace RecomAmp.Core.Common;

/// <summary>409: the record would duplicate another, or it changed while the request was working on it.</summary>
public sealed class ResourceConflictException(string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    : ApiException(409, detail, errors);
