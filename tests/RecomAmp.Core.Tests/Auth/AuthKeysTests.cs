using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RecomAmp.Core.Auth;
using RecomAmp.Core.Tests.Storage;

namespace RecomAmp.Core.Tests.Auth;

public sealed class AuthKeysTests : IDisposable
{
    private readonly TemporaryDataFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void SigningKey_WhenNotConfigured_IsGeneratedOnceInTheDataFolderAndReused()
    {
        using var first = new AuthServices(new FakeTimeProvider(), dataPath: _folder.Path);
        using var second = new AuthServices(new FakeTimeProvider(), dataPath: _folder.Path);

        var key = first.Get<AuthKeys>().SigningKey.ToArray();
        var again = second.Get<AuthKeys>().SigningKey.ToArray();

        Assert.True(key.Length >= 32);
        Assert.Equal(key, again);
        var path = Path.Combine(_folder.Path, AuthKeys.SigningKeyFileName);
        Assert.Equal(key, Convert.FromBase64String(File.ReadAllText(path)));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void Keys_WhenNotConfigured_AreTwoDifferentFiles()
    {
        using var services = new AuthServices(new FakeTimeProvider(), dataPath: _folder.Path);
        var keys = services.Get<AuthKeys>();

        var signing = keys.SigningKey.ToArray();
        var encryption = keys.TokenEncryptionKey.ToArray();

        Assert.NotEqual(signing, encryption);
        Assert.Equal(32, encryption.Length);
        Assert.True(File.Exists(Path.Combine(_folder.Path, AuthKeys.TokenEncryptionKeyFileName)));
    }

    [Fact]
    public void SigningKey_WhenConfigured_IsUsedAndNoFileIsWritten()
    {
        var configured = Enumerable.Range(1, 40).Select(i => (byte)i).ToArray();
        using var services = new AuthServices(new FakeTimeProvider(),
            new Dictionary<string, string?> { ["Auth:SigningKey"] = Convert.ToBase64String(configured) },
            dataPath: _folder.Path);

        var key = services.Get<AuthKeys>().SigningKey.ToArray();

        Assert.Equal(configured, key);
        Assert.False(File.Exists(Path.Combine(_folder.Path, AuthKeys.SigningKeyFileName)));
    }

    [Theory]
    [InlineData("Auth:SigningKey", "c2hvcnQ=")]
    [InlineData("Auth:TokenEncryptionKey", "not base64 at all")]
    public void Options_WithUnusableConfiguredKey_FailValidation(string setting, string value)
    {
        using var services = new AuthServices(new FakeTimeProvider(),
            new Dictionary<string, string?> { [setting] = value }, dataPath: _folder.Path);

        var ex = Assert.Throws<OptionsValidationException>(() => services.Get<IOptions<AuthOptions>>().Value);

        Assert.DoesNotContain(value, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SigningKey_WhenTheKeyFileIsDamaged_ThrowsWithoutShowingIt()
    {
        Directory.CreateDirectory(_folder.Path);
        File.WriteAllText(Path.Combine(_folder.Path, AuthKeys.SigningKeyFileName), "dGVzdA==");
        using var services = new AuthServices(new FakeTimeProvider(), dataPath: _folder.Path);

        var keys = services.Get<AuthKeys>();

        var ex = Assert.Throws<InvalidOperationException>(() => keys.SigningKey.ToArray());

        Assert.Contains(AuthKeys.SigningKeyFileName, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("dGVzdA==", ex.Message, StringComparison.Ordinal);
    }
}
