using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RecomAmp.Core.Storage;

namespace RecomAmp.Core.Auth;

/// <summary>
/// The secret keys of sign-in: the access-token signing key and the refresh-token encryption key. Each comes
/// from <see cref="AuthOptions"/> or, when not configured, from a file in the data folder that is generated
/// on first use and reused afterwards, so tokens survive restarts.
/// </summary>
public sealed partial class AuthKeys
{
    public const string SigningKeyFileName = "jwt-signing.key";
    public const string TokenEncryptionKeyFileName = "token-encryption.key";
    private const int MinimumKeyBytes = 32;

    private readonly Lazy<byte[]> _signingKey;
    private readonly Lazy<byte[]> _tokenEncryptionKey;

    public AuthKeys(IOptions<AuthOptions> options, DataFolder dataFolder, ILogger<AuthKeys> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _signingKey = new(() => Load(
            options.Value.SigningKey, "Auth:SigningKey", SigningKeyFileName, 64, dataFolder, logger));
        _tokenEncryptionKey = new(() => DeriveEncryptionKey(Load(
            options.Value.TokenEncryptionKey, "Auth:TokenEncryptionKey", TokenEncryptionKeyFileName, 32,
            dataFolder, logger)));
    }

    /// <summary>The HS256 key of access tokens (at least 32 bytes).</summary>
    public ReadOnlySpan<byte> SigningKey => _signingKey.Value;

    /// <summary>The AES-256 key for refresh tokens at rest.</summary>
    public ReadOnlySpan<byte> TokenEncryptionKey => _tokenEncryptionKey.Value;

    /// <summary>Decodes a base64 key; null unless the text is base64 of at least 32 bytes.</summary>
    public static byte[]? TryDecode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            var key = Convert.FromBase64String(text.Trim());
            return key.Length >= MinimumKeyBytes ? key : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static byte[] DeriveEncryptionKey(byte[] material) =>
        HKDF.DeriveKey(
            HashAlgorithmName.SHA256, material, 32, salt: [], info: "RecomAmp refresh tokens"u8.ToArray());

    private static byte[] Load(
        string? configured, string settingName, string fileName, int generatedBytes, DataFolder dataFolder,
        ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return TryDecode(configured) ?? throw new InvalidOperationException(
                $"{settingName} must be base64 of at least {MinimumKeyBytes} bytes");
        }

        var path = dataFolder.File(fileName);
        if (!File.Exists(path))
        {
            Generate(path, generatedBytes);
            LogKeyGenerated(logger, settingName, path);
        }

        return TryDecode(File.ReadAllText(path)) ?? throw new InvalidOperationException(
            $"{path} does not hold base64 of at least {MinimumKeyBytes} bytes; "
            + $"delete it to generate a new key, or set {settingName}");
    }

    private static void Generate(string path, int bytes)
    {
        // Written under a temporary name and moved into place without overwriting, so two processes starting
        // together agree on one key and a reader never sees a half-written file.
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temporary, System.Text.Encoding.ASCII, fileOptions))
        {
            writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)));
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Warning,
        Message = "{Setting} is not configured: generated a development key in {Path}")]
    private static partial void LogKeyGenerated(ILogger logger, string setting, string path);
}
