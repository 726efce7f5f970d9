namespace RecomAmp.Api.Tests.Executions;

/// <summary>
/// DevHost whose Amazon is a <see cref="FakeAmcServer"/> (AMC and Login with Amazon), with polling and retry
/// intervals of milliseconds. The Sandbox's AMC serves most execution tests; this fake serves the faults the
/// Sandbox cannot play: an accepted execution whose answer is lost, an exact number of expired downloads, a
/// run that never ends, and the bearer tokens each call carried.
/// </summary>
public class FakeAmcFixture : DevHostFixture
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
        ExecutionSettings.Fast(settings);
    }
}
