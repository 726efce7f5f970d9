using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using RecomAmp.Core.Common;
using RecomAmp.Core.Storage;

namespace RecomAmp.Core.Auth;

/// <summary>
/// A user's Amazon refresh token, kept encrypted in the user document. Amazon clients read it here to get
/// access tokens (with <see cref="LwaClient.RefreshAsync"/>) and save the new refresh token when Amazon
/// rotates it.
/// </summary>
public sealed partial class AmazonRefreshTokenStore(
    IDocumentStore store,
    TokenCipher cipher,
    TimeProvider timeProvider,
    ILogger<AmazonRefreshTokenStore> logger)
{
    private const int MaxWriteAttempts = 5;

    /// <summary>The user's decrypted Amazon refresh token.</summary>
    /// <exception cref="AuthenticationRequiredException">The user is unknown, has no refresh token, or it can
    /// no longer be decrypted (the encryption key changed): the user must sign in again.</exception>
    public async Task<string> GetAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var user = await store.ReadAsync<UserDocument>(
            StorageContainers.Users, userId, userId, cancellationToken);
        if (user?.Document.EncryptedRefreshToken is not { } encrypted)
        {
            throw new AuthenticationRequiredException(
                "Sign in with Amazon again: no Amazon authorization is stored");
        }

        try
        {
            return cipher.Decrypt(encrypted, userId);
        }
        catch (CryptographicException ex)
        {
            LogUnreadableRefreshToken(logger, ex, userId);
            throw new AuthenticationRequiredException(
                "Sign in with Amazon again: the stored Amazon authorization cannot be read");
        }
    }

    /// <summary>Stores a new refresh token for the user (after Amazon rotated it).</summary>
    /// <exception cref="ResourceNotFoundException">No such user.</exception>
    /// <exception cref="ResourceConflictException">The user document kept changing concurrently.</exception>
    public async Task SaveAsync(string userId, string refreshToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(refreshToken);
        for (var attempt = 1; attempt <= MaxWriteAttempts; attempt++)
        {
            var current = await store.ReadAsync<UserDocument>(
                StorageContainers.Users, userId, userId, cancellationToken)
                ?? throw new ResourceNotFoundException("User");

            var now = timeProvider.GetUtcNow();
            var updated = current.Document with
            {
                EncryptedRefreshToken = Encrypt(userId, refreshToken),
                RefreshTokenStoredAt = now,
                UpdatedAt = now,
            };
            try
            {
                await store.ReplaceAsync(
                    StorageContainers.Users, userId, userId, updated, current.ETag, cancellationToken);
                return;
            }
            catch (DocumentPreconditionFailedException)
            {
                // Another write won; read again and reapply.
            }
        }

        throw new ResourceConflictException(
            "The user changed while the Amazon authorization was being saved");
    }

    /// <summary>The stored form of a refresh token: encrypted and bound to the user's id.</summary>
    internal string Encrypt(string userId, string refreshToken) => cipher.Encrypt(refreshToken, userId);

    [LoggerMessage(EventId = 2020, Level = LogLevel.Warning,
        Message = "The Amazon refresh token of user {UserId} cannot be decrypted")]
    private static partial void LogUnreadableRefreshToken(ILogger logger, Exception exception, string userId);
}
