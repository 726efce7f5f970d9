namespace RecomAmp.Core.Auth;

/// <summary>The caller of a request, as proven by a valid RecomAmp access token.</summary>
/// <param name="UserId">Our id of the user; every record the user owns is partitioned by it.</param>
/// <param name="TokenId">The token's jti, which logout revokes.</param>
/// <param name="ExpiresAt">When the token stops being valid.</param>
public sealed record AuthenticatedUser(string UserId, string TokenId, DateTimeOffset ExpiresAt);
