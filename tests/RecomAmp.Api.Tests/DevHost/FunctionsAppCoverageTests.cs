using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RecomAmp.DevHost;
using RecomAmp.DevHost.Functions;

namespace RecomAmp.Api.Tests.DevHost;

/// <summary>DevHost serves every HTTP function of the Functions app, on the routes `func start` would serve.</summary>
public sealed class FunctionsAppCoverageTests(DevHostFixture devHost) : IClassFixture<DevHostFixture>
{
    private static readonly IReadOnlyList<DeclaredHttpFunction> _declared =
        DeclaredHttpFunctions.Scan(DevHostApplication.FunctionsAssembly);

    [Fact]
    public void Catalog_FunctionsAssembly_ListsEveryDeclaredHttpFunction()
    {
        var catalog = devHost.Services.GetRequiredService<HttpFunctionCatalog>();

        var served = catalog.Functions
            .Select(f => $"{f.Name} {DeclaredHttpFunctions.MethodList(f.Methods)} {f.Route}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(_declared.Select(f => f.Signature).Order(StringComparer.Ordinal), served);
    }

    [Fact]
    public void Endpoints_FunctionsAssembly_MapEveryDeclaredHttpFunctionUnderApi()
    {
        var endpoints = devHost.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

        var mapped = endpoints
            .Where(e => e.Metadata.GetMetadata<HttpFunctionEndpoint>() is not null)
            .Select(e => $"{e.Metadata.GetMetadata<HttpFunctionEndpoint>()!.Name} "
                + $"{DeclaredHttpFunctions.MethodList(e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods)} "
                + e.RoutePattern.RawText)
            .Order(StringComparer.Ordinal);

        Assert.Equal(
            _declared.Select(f => $"{f.Name} {f.Methods} api/{f.Route.TrimStart('/')}").Order(StringComparer.Ordinal),
            mapped);
    }

    [Fact]
    public async Task Requests_EveryDeclaredRouteAndVerb_AreAnsweredByTheFunction()
    {
        var misses = new List<string>();
        var failures = new List<string>();

        foreach (var function in _declared)
        {
            var path = DeclaredHttpFunctions.SamplePath("api", function);
            foreach (var method in function.Methods == "*" ? ["GET"] : function.Methods.Split(','))
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                using var response = await devHost.Client.SendAsync(request);
                if (await RoutingMiss.IsRoutingMissAsync(response))
                {
                    misses.Add($"{function.Name}: {method} {path} -> {(int)response.StatusCode}");
                }
                else if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{function.Name}: {method} {path} -> {(int)response.StatusCode}");
                }
            }
        }

        Assert.Empty(misses);

        // Without a token or a body every function answers with a 4xx envelope, never a failure.
        Assert.Empty(failures);
    }

    [Fact]
    public async Task RoutingMissCheck_UnknownRoute_IsDetected()
    {
        using var response = await devHost.Client.GetAsync(new Uri("/api/no-such-function/" + Guid.NewGuid(), UriKind.Relative));

        Assert.True(await RoutingMiss.IsRoutingMissAsync(response));
    }

    [Fact]
    public void FunctionsMetadata_OfTheFunctionsBuild_ListsEveryHttpFunctionWithSameRouteAndMethods()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing: the Functions build writes it and the build copies it here.");
        using var metadata = JsonDocument.Parse(File.ReadAllText(path));

        var listed = metadata.RootElement.EnumerateArray()
            .SelectMany(function => function.GetProperty("bindings").EnumerateArray()
                .Where(b => string.Equals(b.GetProperty("type").GetString(), "httpTrigger", StringComparison.OrdinalIgnoreCase))
                .Select(binding => Signature(function.GetProperty("name").GetString()!, binding)))
            .Order(StringComparer.Ordinal)
            .ToList();
        var served = devHost.Services.GetRequiredService<HttpFunctionCatalog>().Functions
            .Select(f => $"{f.Name} {DeclaredHttpFunctions.MethodList(f.Methods)} {f.Route}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(_declared.Select(f => f.Signature).Order(StringComparer.Ordinal), listed);
        Assert.Equal(listed, served);
    }

    [Fact]
    public void Configuration_NoLwaSettings_PointsLwaAtTheHostedSandbox()
    {
        var configuration = devHost.Services.GetRequiredService<IConfiguration>();

        Assert.Equal(devHost.BaseUrl + "/sandbox/ap/oa", configuration["Lwa:AuthorizeUrl"]);
        Assert.Equal(devHost.BaseUrl + "/sandbox/auth/o2/token", configuration["Lwa:TokenUrl"]);
        Assert.Equal(devHost.BaseUrl + "/sandbox/user/profile", configuration["Lwa:ProfileUrl"]);
    }

    private static string Signature(string name, JsonElement binding)
    {
        var route = binding.TryGetProperty("route", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : name;
        var methods = binding.TryGetProperty("methods", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(m => m.GetString()!)
            : null;
        return $"{name} {DeclaredHttpFunctions.MethodList(methods)} {route}";
    }
}
