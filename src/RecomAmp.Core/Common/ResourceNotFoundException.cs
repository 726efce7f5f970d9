namespace RecomAmp.Core.Common;

/// <summary>404: the record does not exist or belongs to another user (the two are never told apart).</summary>
public sealed class ResourceNotFoundException(string resource)
    : ApiException(404, $"{resource} not found");
