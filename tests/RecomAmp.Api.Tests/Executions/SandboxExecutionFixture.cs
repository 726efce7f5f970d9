using System.Net;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using RecomAmp.Testing;

namespace RecomAmp.Api.Tests.Executions;

/// <summary>
/// DevHost whose Amazon is a <see cref="SandboxAmcServer"/> of its own, with polling and retry intervals of
/// milliseconds so that executions finish within a test. It keeps documents in the embedded store, or, in a
/// subclass that says so, in a Cosmos DB database of its own (as <see cref="CosmosDevHostFixture"/> does).
/// </summary>
public class SandboxExecutionFixture : DevHostFixture
{
    private CosmosTestAccount? _account;

    public SandboxAmcServer Sandbox { get; private set; } = null!;

    /// <summary>How long the Sandbox keeps an execution RUNNING at least.</summary>
    protected virtual TimeSpan RunningDelay => TimeSpan.Zero;

    /// <summary>Whether DevHost keeps its documents in Cosmos DB rather than the embedded store.</summary>
    protected virtual bool OnCosmos => false;

    private string DatabaseName { get; } = CosmosTestAccount.NewDatabaseName("execution-tests");

    public override async Task InitializeAsync()
    {
        if (OnCosmos)
        {
            _account = await CosmosTestServer.AccountAsync();
        }

        Sandbox = await SandboxAmcServer.StartAsync(RunningDelay);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        if (OnCosmos && IsRunning)
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
        await Sandbox.DisposeAsync();
    }

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        if (_account is not null)
        {
            foreach (var (key, value) in _account.Settings(DatabaseName))
            {
                settings[key] = value;
            }
        }

        settings["Amc:BaseUrl"] = Sandbox.BaseUrl;
        settings["Lwa:BaseUrl"] = Sandbox.BaseUrl + "/";
        ExecutionSettings.Fast(settings);
    }
}
