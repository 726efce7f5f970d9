namespace RecomAmp.Api.Tests.Executions;

/// <summary>
/// DevHost whose Amazon is a <see cref="SandboxAmcServer"/> of its own, with polling and retry intervals of
/// milliseconds so that executions finish within a test.
/// </summary>
public class SandboxExecutionFixture : DevHostFixture
{
    public SandboxAmcServer Sandbox { get; private set; } = null!;

    /// <summary>How long the Sandbox keeps an execution RUNNING at least.</summary>
    protected virtual TimeSpan RunningDelay => TimeSpan.Zero;

    public override async Task InitializeAsync()
    {
        Sandbox = await SandboxAmcServer.StartAsync(RunningDelay);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Sandbox.DisposeAsync();
    }

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        settings["Amc:BaseUrl"] = Sandbox.BaseUrl;
        settings["Lwa:BaseUrl"] = Sandbox.BaseUrl + "/";
        ExecutionSettings.Fast(settings);
    }
}
