using System.Net;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using RecomAmp.Testing;

namespace RecomAmp.Api.Tests;

/// <summary>
/// DevHost with <c>Storage:Provider=Cosmos</c>: its documents go to a database of its own on the test run's
/// Cosmos DB account (<see cref="CosmosTestServer"/>), which it creates with its containers and which is
/// deleted on dispose.
/// </summary>
public class CosmosDevHostFixture : DevHostFixture
{
    private CosmosTestAccount? _account;

    /// <summary>The database this DevHost keeps its documents in.</summary>
    public string DatabaseName { get; } = CosmosTestAccount.NewDatabaseName("api-tests");

    public override async Task InitializeAsync()
    {
        _account = await CosmosTestServer.AccountAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        if (IsRunning)
        {
            try
            {
                await Services.GetRequiredService<CosmosClient>().GetDatabase(DatabaseName).DeleteAsync();
            }
            catch (CosmosException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
            {
                // Nothing was ever written.
            }
        }

        await base.DisposeAsync();
    }

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        foreach (var (key, value) in _account!.Settings(DatabaseName))
        {
            settings[key] = value;
        }
    }
}
