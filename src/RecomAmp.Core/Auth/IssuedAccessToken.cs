namespace RecomAmp.Core.Auth;

/// <summary>A RecomAmp access token as issued, with its id (jti) and expiry.</summary>
public sealed record IssuedAccessToken(string Token, string TokenId, DateTimeOffset ExpiresAt);
