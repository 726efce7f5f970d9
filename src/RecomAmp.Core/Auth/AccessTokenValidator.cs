using RecomAmp.Core.Common;
using RecomAmp.Core.Storage;

namespace RecomAmp.Core.Auth;

/// <summary>
/// Accepts a RecomAmp access token when <see cref="AccessTokenIssuer"/> can read it (signature, issuer,
/// audience, lifetime with <see cref="AccessTokenIssuer.ClockSkew"/>) and its jti was not logged out.
/// </summary>
public sealed class AccessTokenValidator(AccessTokenIssuer issuer, IDocumentStore store)
    : IAccessTokenValidator
{
    public async Task<AuthenticatedUser> ValidateAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new AuthenticationRequiredException();
        }

        var user = await issuer.ReadAsync(token)
            ?? throw new AuthenticationRequiredException("Invalid or expired token");

        var revoked = await store.ReadAsync<RevokedTokenDocument>(
            StorageContainers.RevokedTokens, user.TokenId, user.TokenId, cancellationToken);
        return revoked is null ? user : throw new AuthenticationRequiredException("The token was logged out");
    }
}
