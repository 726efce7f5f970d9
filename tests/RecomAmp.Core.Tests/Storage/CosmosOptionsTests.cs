using Microsoft.Azure.Cosmos;
using RecomAmp.Core.Storage.Cosmos;

namespace RecomAmp.Core.Tests.Storage;

public sealed class CosmosOptionsTests
{
    private static readonly string _key = Convert.ToBase64String(new byte[64]);

    [Fact]
    public void Defaults_WithAccountKey_AreForEmulators()
    {
        var options = new CosmosOptions { AccountEndpoint = "https://localhost:8081/", AccountKey = _key };

        Assert.Empty(options.Problems());
        Assert.Equal("recomamp", options.DatabaseName);
        Assert.Equal(ConnectionMode.Gateway, options.EffectiveConnectionMode);
        Assert.True(options.ShouldCreateIfMissing);
    }

    [Fact]
    public void Defaults_WithoutAccountKey_AreForAzure()
    {
        var options = new CosmosOptions { AccountEndpoint = "https://recomamp.documents.azure.com:443/" };

        Assert.Empty(options.Problems());
        Assert.Equal(ConnectionMode.Direct, options.EffectiveConnectionMode);
        Assert.False(options.ShouldCreateIfMissing);
    }

    [Fact]
    public void ConfiguredModeAndCreation_WinOverDefaults()
    {
        var options = new CosmosOptions
        {
            AccountEndpoint = "https://recomamp.documents.azure.com:443/",
            ConnectionMode = ConnectionMode.Gateway,
            CreateIfMissing = true,
        };

        Assert.Equal(ConnectionMode.Gateway, options.EffectiveConnectionMode);
        Assert.True(options.ShouldCreateIfMissing);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("localhost:8081")]
    [InlineData("ftp://localhost/")]
    public void Problems_EndpointNotAnHttpsUrl_NamesAccountEndpoint(string? endpoint)
    {
        var options = new CosmosOptions { AccountEndpoint = endpoint, AccountKey = _key };

        var problem = Assert.Single(options.Problems());

        Assert.Contains("Cosmos:AccountEndpoint", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData(" padded")]
    public void Problems_BadDatabaseName_NamesDatabaseName(string name)
    {
        var options = new CosmosOptions
        {
            AccountEndpoint = "https://localhost:8081/", AccountKey = _key, DatabaseName = name,
        };

        var problem = Assert.Single(options.Problems());

        Assert.Contains("Cosmos:DatabaseName", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_KeyNotBase64_NamesAccountKey()
    {
        var options = new CosmosOptions
        {
            AccountEndpoint = "https://localhost:8081/", AccountKey = "not base64!",
        };

        var problem = Assert.Single(options.Problems());

        Assert.Contains("Cosmos:AccountKey", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://recomamp.documents.azure.com:443/", true)]
    [InlineData("https://localhost:8081/", false)]
    public void Problems_AcceptAnyCertificateForAzureOrWithoutKey_IsRefused(string endpoint, bool withKey)
    {
        var options = new CosmosOptions
        {
            AccountEndpoint = endpoint,
            AccountKey = withKey ? _key : null,
            AcceptAnyServerCertificate = true,
        };

        var problem = Assert.Single(options.Problems());

        Assert.Contains("Cosmos:AcceptAnyServerCertificate", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_AcceptAnyCertificateForLocalServerWithKey_IsAllowed()
    {
        var options = new CosmosOptions
        {
            AccountEndpoint = "https://127.0.0.1:45678/",
            AccountKey = _key,
            AcceptAnyServerCertificate = true,
        };

        Assert.Empty(options.Problems());
    }
}
