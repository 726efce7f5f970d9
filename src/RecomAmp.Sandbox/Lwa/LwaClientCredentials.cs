namespace RecomAmp.Sandbox.Lwa;

/// <summary>The client id and secret a token request authenticates with.</summary>
public sealed record LwaClientCredentials(string? ClientId, string? ClientSecret);
