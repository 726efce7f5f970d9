using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace RecomAmp.DevHost.Functions;

public static class FunctionsHostingExtensions
{
    /// <summary>
    /// Scans <paramref name="functionTypes"/> now, so a function DevHost cannot serve stops start-up, and
    /// registers the HTTP and timer catalogs and the timer scheduler.
    /// </summary>
    /// <exception cref="DevHostStartupException">A function DevHost cannot serve.</exception>
    public static IServiceCollection AddDevHostFunctions(
        this IServiceCollection services,
        IConfiguration configuration,
        IEnumerable<Type> functionTypes,
        string routePrefix)
    {
        var functions = FunctionScanner.Scan(functionTypes);
        services.AddSingleton(HttpFunctionCatalog.Create(functions, routePrefix));
        services.AddSingleton(TimerFunctionCatalog.Create(functions, configuration));
        services.AddHostedService<TimerFunctionScheduler>();
        return services;
    }

    /// <summary>Maps each function of the <see cref="HttpFunctionCatalog"/> on its route and verbs.</summary>
    /// <exception cref="DevHostStartupException">
    /// A function's class needs a service that cannot be created.
    /// </exception>
    public static IEndpointRouteBuilder MapHttpFunctions(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var catalog = endpoints.ServiceProvider.GetRequiredService<HttpFunctionCatalog>();
        var timers = endpoints.ServiceProvider.GetRequiredService<TimerFunctionCatalog>();
        var constructors = catalog.Functions.Select(f => (f.Name, f.ConstructorParameters))
            .Concat(timers.Functions.Select(f => (f.Name, f.Invoker.ConstructorParameters)));
        using (var scope = endpoints.ServiceProvider.CreateScope())
        {
            CheckConstructors(constructors, scope.ServiceProvider);
        }

        foreach (var function in catalog.Functions)
        {
            RequestDelegate handler = function.InvokeAsync;
            var endpoint = function.Methods.Count == 0
                ? endpoints.Map(function.Pattern, handler)
                : endpoints.MapMethods(function.Pattern.RawText!, function.Methods, handler);
            endpoint.WithName(function.Name)
                .WithDisplayName($"Function {function.Name}")
                .WithMetadata(function);
        }

        return endpoints;
    }

    /// <summary>
    /// Resolves what each function's class is built from once, in a scope, so a missing registration anywhere
    /// below it stops start-up instead of failing the function's first call.
    /// </summary>
    private static void CheckConstructors(
        IEnumerable<(string Name, IReadOnlyList<ParameterInfo> Parameters)> functions,
        IServiceProvider services)
    {
        foreach (var (name, parameters) in functions)
        {
            foreach (var parameter in parameters.Where(p => !p.HasDefaultValue))
            {
                string? problem;
                Exception? inner = null;
                try
                {
                    var service = services.GetService(parameter.ParameterType);
                    problem = service is null ? "which no registration provides" : null;
                }
                catch (InvalidOperationException ex)
                {
                    (problem, inner) = ($"which cannot be created: {ex.Message}", ex);
                }

                if (problem is not null)
                {
                    var needed = $"{parameter.ParameterType.Name} ('{parameter.Name}')";
                    var message = $"Function '{name}': its class needs {needed}, {problem}";
                    throw new DevHostStartupException(name, parameter.Name, message, inner);
                }
            }
        }
    }
}
