namespace RecomAmp.Core.Auth;

/// <summary>
/// An access token that was logged out (container <c>revoked_tokens</c>, partition key = id = its jti). Kept
/// until the token would have expired anyway (<see cref="Ttl"/> seconds).
/// </summary>
public sealed record RevokedTokenDocument
{
    public required string Id { get; init; }

    public required string UserId { get; init; }

    public required DateTimeOffset RevokedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public required int Ttl { get; init; }
}
