namespace RecomAmp.Sandbox.Lwa;

/// <summary>What a token grant hands out; <see cref="RefreshToken"/> is null when omitted.</summary>
public sealed record LwaSandboxTokens(string AccessToken, string? RefreshToken, TimeSpan ExpiresIn);
