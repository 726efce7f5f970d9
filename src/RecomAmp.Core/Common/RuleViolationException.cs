namespace RecomAmp.Core.Common;

/// <summary>422: the request is well formed but breaks a business rule.</summary>
public sealed class RuleViolationException(string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    : ApiException(422, detail, errors);
