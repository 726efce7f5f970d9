namespace RecomAmp.Sandbox.Lwa;

/// <summary>What a successful token grant hands out; <see cref="RefreshToken"/> is null when it is omitted.</summary>
public sealed record LwaSandboxTokens(string AccessToken, string? RefreshToken, TimeSpan ExpiresIn);
