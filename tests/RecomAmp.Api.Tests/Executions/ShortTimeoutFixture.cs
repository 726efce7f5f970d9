namespace RecomAmp.Api.Tests.Executions;

/// <summary>A <see cref="FakeAmcFixture"/> whose executions time out after one second.</summary>
public sealed class ShortTimeoutFixture : FakeAmcFixture
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["Executions:TimeoutSeconds"] = "1";
    }
}
