namespace RecomAmp.Api.Tests.Executions;

/// <summary>An <see cref="ExecutionFixture"/> whose executions time out after one second.</summary>
public sealed class ShortTimeoutFixture : ExecutionFixture
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["Executions:TimeoutSeconds"] = "1";
    }
}
