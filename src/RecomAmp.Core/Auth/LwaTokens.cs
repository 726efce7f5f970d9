namespace RecomAmp.Core.Auth;

/// <summary>Tokens from Login with Amazon's token endpoint.</summary>
/// <param name="AccessToken">Bearer token for Amazon APIs; short-lived.</param>
/// <param name="RefreshToken">
/// The refresh token to keep: the new one when Amazon sent one, otherwise the one that was presented.
/// </param>
/// <param name="AccessTokenExpiresAt">When Amazon stops accepting <paramref name="AccessToken"/>.</param>
public sealed record LwaTokens(string AccessToken, string RefreshToken, DateTimeOffset AccessTokenExpiresAt);
