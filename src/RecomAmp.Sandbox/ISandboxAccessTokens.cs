namespace RecomAmp.Sandbox;

/// <summary>
/// Tells whether a bearer token is a live access token of the Sandbox's Login with Amazon. The Sandbox's Amazon
/// APIs (AMC, Ads) authenticate callers with it; the LWA area provides the implementation.
/// </summary>
public interface ISandboxAccessTokens
{
    bool IsValid(string token);
}
