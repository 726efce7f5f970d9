using Microsoft.Azure.Cosmos;

namespace RecomAmp.Core.Storage.Cosmos;

/// <summary>
/// The <c>Cosmos</c> configuration section: where the Cosmos DB for NoSQL account is and how to reach it.
/// Read when <c>Storage:Provider</c> is <c>Cosmos</c>.
/// </summary>
/// <remarks>
/// In Azure give only <see cref="AccountEndpoint"/>: the store signs in with <c>DefaultAzureCredential</c>
/// (the Function App's managed identity; <c>AZURE_CLIENT_ID</c> picks a user-assigned one) and expects the
/// database and containers that the deployment created. With an <see cref="AccountKey"/> (the emulator, or
/// the local Cosmos-compatible server) it defaults to Gateway mode and to creating what is missing.
/// </remarks>
public sealed class CosmosOptions
{
    public const string SectionName = "Cosmos";

    public const string DefaultDatabaseName = "recomamp";

    // Azure's public, China and US Government clouds.
    private static readonly string[] _azureHostSuffixes = [".azure.com", ".azure.cn", ".azure.us"];

    /// <summary>The account's endpoint, e.g. <c>https://myaccount.documents.azure.com:443/</c>.</summary>
    public string? AccountEndpoint { get; set; }

    /// <summary>An account key; for emulators and the local server only. Empty: Microsoft Entra ID.</summary>
    public string? AccountKey { get; set; }

    /// <summary>The one database every container lives in.</summary>
    public string DatabaseName { get; set; } = DefaultDatabaseName;

    /// <summary>
    /// Create the database and the containers of <see cref="StorageContainers"/> when missing. Unset: true
    /// with an <see cref="AccountKey"/>, false otherwise (in Azure the deployment creates them).
    /// </summary>
    public bool? CreateIfMissing { get; set; }

    /// <summary>
    /// Direct (TCP) or Gateway (HTTPS). Unset: Gateway with an <see cref="AccountKey"/>, else Direct.
    /// </summary>
    public ConnectionMode? ConnectionMode { get; set; }

    /// <summary>
    /// Trust any TLS certificate the endpoint shows, as the emulator and the local server have self-signed
    /// ones. Refused without an <see cref="AccountKey"/> and for Azure endpoints.
    /// </summary>
    public bool AcceptAnyServerCertificate { get; set; }

    /// <summary>Whether a key is configured, which marks an emulator or the local server.</summary>
    public bool UsesAccountKey => !string.IsNullOrWhiteSpace(AccountKey);

    public bool ShouldCreateIfMissing => CreateIfMissing ?? UsesAccountKey;

    public ConnectionMode EffectiveConnectionMode =>
        ConnectionMode ?? (UsesAccountKey ? Microsoft.Azure.Cosmos.ConnectionMode.Gateway
            : Microsoft.Azure.Cosmos.ConnectionMode.Direct);

    /// <summary>The problems with these settings, one sentence each; empty when they can be used.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(AccountEndpoint, UriKind.Absolute, out var endpoint)
            || endpoint.Scheme is not ("https" or "http"))
        {
            problems.Add($"{SectionName}:AccountEndpoint must be the account's absolute https URL.");
        }

        if (string.IsNullOrWhiteSpace(DatabaseName) || DatabaseName.Length > 255
            || DatabaseName.IndexOfAny(['/', '\\', '?', '#']) >= 0 || DatabaseName.Trim() != DatabaseName)
        {
            problems.Add(
                $"{SectionName}:DatabaseName must be 1 to 255 characters without '/', '\\', '?' or '#'.");
        }

        if (AccountKey is { Length: > 0 } key && !IsBase64(key))
        {
            problems.Add($"{SectionName}:AccountKey must be base64, as account keys are.");
        }

        if (AcceptAnyServerCertificate && (!UsesAccountKey || IsAzureHost(endpoint)))
        {
            problems.Add(
                $"{SectionName}:AcceptAnyServerCertificate is for emulators and the local server only: it "
                + $"needs {SectionName}:AccountKey and cannot be used with an Azure endpoint.");
        }

        return problems;
    }

    private static bool IsAzureHost(Uri? endpoint) =>
        endpoint is not null
        && _azureHostSuffixes.Any(
            suffix => endpoint.Host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));

    private static bool IsBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out _);
    }
}
