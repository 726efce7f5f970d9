namespace RecomAmp.Sandbox.Lwa;

/// <summary>The query of an authorize request (<c>GET /ap/oa</c>).</summary>
public sealed record LwaAuthorizeRequest(
    string? ClientId,
    string? Scope,
    string? ResponseType,
    string? RedirectUri,
    string? CodeChallenge,
    string? CodeChallengeMethod,
    string? LoginHint);
