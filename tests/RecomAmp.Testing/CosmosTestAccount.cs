using RecomAmp.Core.Storage.Cosmos;

namespace RecomAmp.Testing;

/// <summary>The Cosmos DB account tests run against: its endpoint and how to sign in.</summary>
/// <param name="Endpoint">The account endpoint.</param>
/// <param name="Key">An account key, or null to sign in with Microsoft Entra ID.</param>
/// <param name="AcceptAnyServerCertificate">True for emulators and the local server.</param>
public sealed record CosmosTestAccount(string Endpoint, string? Key, bool AcceptAnyServerCertificate)
{
    /// <summary>
    /// Store options for a database of the tests' own, created with its containers when missing.
    /// </summary>
    public CosmosOptions Options(string databaseName) => new()
    {
        AccountEndpoint = Endpoint,
        AccountKey = Key,
        DatabaseName = databaseName,
        CreateIfMissing = true,
        AcceptAnyServerCertificate = AcceptAnyServerCertificate,
    };

    /// <summary>The same settings as configuration keys, for a host under test.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings(string databaseName)
    {
        yield return new("Storage:Provider", "Cosmos");
        yield return new("Cosmos:AccountEndpoint", Endpoint);
        yield return new("Cosmos:AccountKey", Key);
        yield return new("Cosmos:DatabaseName", databaseName);
        yield return new("Cosmos:CreateIfMissing", "true");
        yield return new("Cosmos:AcceptAnyServerCertificate", AcceptAnyServerCertificate ? "true" : "false");
    }

    /// <summary>A database name no other test uses.</summary>
    public static string NewDatabaseName(string purpose) => $"{purpose}-{Guid.NewGuid():N}";
}
