using Microsoft.Extensions.DependencyInjection;
using RecomAmp.Core.Storage;

namespace RecomAmp.Api.Tests.Executions;

/// <summary>
/// A <see cref="SandboxExecutionFixture"/> whose document store can be made to fail (see <see cref="Store"/>).
/// </summary>
public sealed class FaultyStoreFixture : SandboxExecutionFixture
{
    public FaultyDocumentStore Store => Services.GetRequiredService<FaultyDocumentStore>();

    protected override void ConfigureServices(IServiceCollection services)
    {
        var registered = services.Last(service => service.ServiceType == typeof(IDocumentStore));
        services.Remove(registered);
        services.AddSingleton(provider => new FaultyDocumentStore((IDocumentStore)(
            registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!))));
        services.AddSingleton<IDocumentStore>(provider => provider.GetRequiredService<FaultyDocumentStore>());
    }
}
