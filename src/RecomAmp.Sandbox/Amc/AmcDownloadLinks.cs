using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace RecomAmp.Sandbox.Amc;

/// <summary>
/// Signs and checks the Sandbox's pre-signed result links: <c>.../amc/downloads/{instance}/{execution}/{file}
/// ?expires={unix seconds}&amp;signature={HMAC}</c>. The key lives in memory, so links die with the process.
/// </summary>
internal sealed class AmcDownloadLinks(IOptions<AmcSandboxOptions> options, TimeProvider timeProvider)
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public string Create(string baseUrl, string instanceId, string executionId, string fileName)
    {
        var expires = (timeProvider.GetUtcNow() + options.Value.DownloadUrlLifetime).ToUnixTimeSeconds();
        var signature = Sign(instanceId, executionId, fileName, expires);
        return $"{baseUrl}/amc/downloads/{Uri.EscapeDataString(instanceId)}/{Uri.EscapeDataString(executionId)}/" +
            $"{Uri.EscapeDataString(fileName)}?expires={expires.ToString(CultureInfo.InvariantCulture)}" +
            $"&signature={signature}";
    }

    public AmcLinkCheck Check(
        string instanceId, string executionId, string fileName, string? expires, string? signature)
    {
        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt)
            || signature is null
            || !CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(Sign(instanceId, executionId, fileName, expiresAt)),
                Encoding.ASCII.GetBytes(signature)))
        {
            return AmcLinkCheck.BadSignature;
        }

        return timeProvider.GetUtcNow().ToUnixTimeSeconds() >= expiresAt ? AmcLinkCheck.Expired : AmcLinkCheck.Valid;
    }

    private string Sign(string instanceId, string executionId, string fileName, long expires)
    {
        var payload = Encoding.UTF8.GetBytes($"{instanceId}\n{executionId}\n{fileName}\n{expires}");
        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, payload));
    }
}
