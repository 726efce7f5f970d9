namespace RecomAmp.Core.Auth;

/// <summary>Checks the RecomAmp JWT that every route but sign-in requires.</summary>
public interface IAccessTokenValidator
{
    /// <summary>Validates a bearer token (signature, issuer, audience, expiry, revocation).</summary>
    /// <exception cref="Common.AuthenticationRequiredException">
    /// The token is missing, invalid, expired or revoked.
    /// </exception>
    Task<AuthenticatedUser> ValidateAsync(string? token, CancellationToken cancellationToken);
}
