using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using RecomAmp.Core.Auth;

namespace RecomAmp.Core.Tests.Auth;

public sealed class TokenCipherTests : IDisposable
{
    private const string RefreshToken = "Atzr|IwEBIA-secret-refresh-token";
    private readonly AuthServices _services = new(new FakeTimeProvider());

    public void Dispose() => _services.Dispose();

    [Fact]
    public void Decrypt_OfEncrypted_ReturnsThePlaintext()
    {
        var cipher = _services.Get<TokenCipher>();

        var encrypted = cipher.Encrypt(RefreshToken, "user-1");

        Assert.DoesNotContain("secret", encrypted, StringComparison.Ordinal);
        Assert.Equal(RefreshToken, cipher.Decrypt(encrypted, "user-1"));
    }

    [Fact]
    public void Encrypt_TwiceTheSameText_GivesDifferentCiphertexts()
    {
        var cipher = _services.Get<TokenCipher>();

        var first = cipher.Encrypt(RefreshToken, "user-1");
        var second = cipher.Encrypt(RefreshToken, "user-1");

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Decrypt_WhenOneCharacterWasAltered_Throws()
    {
        var cipher = _services.Get<TokenCipher>();
        var encrypted = cipher.Encrypt(RefreshToken, "user-1");
        var position = encrypted.Length / 2;
        var replacement = encrypted[position] == 'A' ? 'B' : 'A';
        var altered = encrypted[..position] + replacement + encrypted[(position + 1)..];

        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(altered, "user-1"));
    }

    [Fact]
    public void Decrypt_ForAnotherUser_Throws()
    {
        var cipher = _services.Get<TokenCipher>();
        var encrypted = cipher.Encrypt(RefreshToken, "user-1");

        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(encrypted, "user-2"));
    }

    [Fact]
    public void Decrypt_UnderAnotherKey_Throws()
    {
        using var other = new AuthServices(new FakeTimeProvider());
        var encrypted = _services.Get<TokenCipher>().Encrypt(RefreshToken, "user-1");

        Assert.ThrowsAny<CryptographicException>(() => other.Get<TokenCipher>().Decrypt(encrypted, "user-1"));
    }

    [Theory]
    [InlineData("plain-refresh-token")]
    [InlineData("v1.")]
    [InlineData("v1.not*base64")]
    public void Decrypt_OfSomethingElse_Throws(string stored)
    {
        var cipher = _services.Get<TokenCipher>();

        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(stored, "user-1"));
    }
}
