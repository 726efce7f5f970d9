using RecomAmp.Sandbox.Lwa;

namespace RecomAmp.Sandbox.Amc;

/// <summary>Accepts the live access tokens issued by the Sandbox's Login with Amazon.</summary>
internal sealed class LwaSandboxAccessTokens(LwaSandboxAuthority authority) : ISandboxAccessTokens
{
    public bool IsValid(string token) => authority.FindUserByAccessToken(token) is not null;
}
