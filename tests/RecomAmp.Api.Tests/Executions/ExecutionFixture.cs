namespace RecomAmp.Api.Tests.Executions;

/// <summary>
/// DevHost whose Amazon is a <see cref="FakeAmcServer"/> (AMC and Login with Amazon), with polling and retry
/// intervals of milliseconds so that executions finish within a test.
/// </summary>
public class ExecutionFixture : DevHostFixture
{
    public FakeAmcServer Amc { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Amc = await FakeAmcServer.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Amc.DisposeAsync();
    }

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        settings["Amc:BaseUrl"] = Amc.BaseUrl;
        settings["Lwa:BaseUrl"] = Amc.LwaBaseUrl;
        settings["Executions:PollInitialInterval"] = "00:00:00.020";
        settings["Executions:PollMaxInterval"] = "00:00:00.100";
        settings["Executions:RetryInitialInterval"] = "00:00:00.020";
        settings["Executions:RetryMaxInterval"] = "00:00:00.100";
        settings["Executions:RetryMaxAttempts"] = "4";
    }
}
