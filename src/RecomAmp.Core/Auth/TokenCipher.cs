using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace RecomAmp.Core.Auth;

/// <summary>
/// Encrypts secrets kept at rest (Amazon refresh tokens) with AES-256-GCM and a random nonce per encryption.
/// The associated data (the owner's id) binds a ciphertext to its record: copied to another user, it fails.
/// </summary>
public sealed class TokenCipher(AuthKeys keys)
{
    private const string FormatPrefix = "v1.";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    /// <summary>Encrypts <paramref name="plaintext"/>; the result is text safe to store.</summary>
    public string Encrypt(string plaintext, string associatedData)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentNullException.ThrowIfNull(associatedData);
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);

        using var aes = new AesGcm(keys.TokenEncryptionKey, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length),
            sealedBytes.AsSpan(NonceBytes + plain.Length), Encoding.UTF8.GetBytes(associatedData));
        CryptographicOperations.ZeroMemory(plain);
        return FormatPrefix + Base64Url.EncodeToString(sealedBytes);
    }

    /// <summary>Decrypts what <see cref="Encrypt"/> produced with the same associated data.</summary>
    /// <exception cref="CryptographicException">The text was altered, belongs to other associated data, or
    /// was encrypted under another key.</exception>
    public string Decrypt(string ciphertext, string associatedData)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        ArgumentNullException.ThrowIfNull(associatedData);
        if (!ciphertext.StartsWith(FormatPrefix, StringComparison.Ordinal))
        {
            throw new CryptographicException("Unknown encrypted token format");
        }

        byte[] sealedBytes;
        try
        {
            sealedBytes = Base64Url.DecodeFromChars(ciphertext.AsSpan(FormatPrefix.Length));
        }
        catch (FormatException ex)
        {
            throw new CryptographicException("The encrypted token is not base64url", ex);
        }

        if (sealedBytes.Length < NonceBytes + TagBytes)
        {
            throw new CryptographicException("The encrypted token is too short");
        }

        var cipherLength = sealedBytes.Length - NonceBytes - TagBytes;
        var plain = new byte[cipherLength];
        using var aes = new AesGcm(keys.TokenEncryptionKey, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, cipherLength),
            sealedBytes.AsSpan(NonceBytes + cipherLength), plain, Encoding.UTF8.GetBytes(associatedData));
        return Encoding.UTF8.GetString(plain);
    }
}
