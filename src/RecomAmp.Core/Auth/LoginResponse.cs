namespace RecomAmp.Core.Auth;

/// <summary>Where to send the browser to sign in, and the state the callback must bring back.</summary>
public sealed record LoginResponse(string AuthUrl, string State);
