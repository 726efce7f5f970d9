using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace RecomAmp.DevHost.Functions;

public static class FunctionsHostingExtensions
{
    /// <summary>
    /// Scans <paramref name="functionTypes"/> now, so a function DevHost cannot serve stops start-up, and registers
    /// the HTTP and timer catalogs and the timer scheduler.
    /// </summary>
    /// <exception cref="DevHostStartupException">A function DevHost cannot serve.</exception>
    public static IServiceCollection AddDevHostFunctions(
        this IServiceCollection services, IConfiguration configuration, IEnumerable<Type> functionTypes, string routePrefix)
    {
        var functions = FunctionScanner.Scan(functionTypes);
        services.AddSingleton(HttpFunctionCatalog.Create(functions, routePrefix));
        services.AddSingleton(TimerFunctionCatalog.Create(functions, configuration));
        services.AddHostedService<TimerFunctionScheduler>();
        return services;
    }

    /// <summary>Maps every function of the <see cref="HttpFunctionCatalog"/> on its route and verbs.</summary>
    /// <exception cref="DevHostStartupException">A function's class needs a service that is not registered.</exception>
    public static IEndpointRouteBuilder MapHttpFunctions(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var catalog = endpoints.ServiceProvider.GetRequiredService<HttpFunctionCatalog>();
        var timers = endpoints.ServiceProvider.GetRequiredService<TimerFunctionCatalog>();
        var registered = endpoints.ServiceProvider.GetRequiredService<IServiceProviderIsService>();
        CheckConstructors(catalog.Functions.Select(f => (f.Name, f.ConstructorParameters)), registered);
        CheckConstructors(timers.Functions.Select(f => (f.Name, f.Invoker.ConstructorParameters)), registered);

        foreach (var function in catalog.Functions)
        {
            RequestDelegate handler = function.InvokeAsync;
            var endpoint = function.Methods.Count == 0
                ? endpoints.Map(function.Pattern, handler)
                : endpoints.MapMethods(function.Pattern.RawText!, function.Methods, handler);
            endpoint.WithName(function.Name).WithDisplayName($"Function {function.Name}").WithMetadata(function);
        }

        return endpoints;
    }

    private static void CheckConstructors(
        IEnumerable<(string Name, IReadOnlyList<System.Reflection.ParameterInfo> Parameters)> functions,
        IServiceProviderIsService registered)
    {
        foreach (var (name, parameters) in functions)
        {
            var missing = parameters.FirstOrDefault(p => !p.HasDefaultValue && !registered.IsService(p.ParameterType));
            if (missing is not null)
            {
                throw new DevHostStartupException(
                    name,
                    missing.Name,
                    $"Function '{name}': its class needs a {missing.ParameterType.Name} ('{missing.Name}'), "
                    + "which no registration provides.");
            }
        }
    }
}
