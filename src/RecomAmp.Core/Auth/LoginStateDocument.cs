namespace RecomAmp.Core.Auth;

/// <summary>
/// A sign-in in progress (container <c>login_states</c>, partition key = id = the OAuth state). Consumed by
/// the callback exactly once; the store drops it after <see cref="Ttl"/> seconds if it never is.
/// </summary>
public sealed record LoginStateDocument
{
    public required string Id { get; init; }

    public required string RedirectUri { get; init; }

    /// <summary>The PKCE verifier whose S256 challenge went to Amazon.</summary>
    public required string CodeVerifier { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public required int Ttl { get; init; }
}
