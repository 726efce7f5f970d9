using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RecomAmp.DevHost;
using RecomAmp.DevHost.Functions;

namespace RecomAmp.Api.Tests.DevHost;

/// <summary>DevHost serves every HTTP function of the Functions app, on the routes func start uses.</summary>
public sealed class FunctionsAppCoverageTests(DevHostFixture devHost) : IClassFixture<DevHostFixture>
{
    private static readonly IReadOnlyList<DeclaredHttpFunction> _declared =
        DeclaredHttpFunctions.Scan(DevHostApplication.FunctionsAssembly);

    [Fact]
    public void Catalog_FunctionsAssembly_ListsEveryDeclaredHttpFunction()
    {
        var catalog = devHost.Services.GetRequiredService<HttpFunctionCatalog>();

        var served = catalog.Functions.Select(Signature).Order(StringComparer.Ordinal);

        Assert.Equal(_declared.Select(f => f.Signature).Order(StringComparer.Ordinal), served);
    }

    [Fact]
    public void Endpoints_FunctionsAssembly_MapEveryDeclaredHttpFunctionUnderApi()
    {
        var endpoints = devHost.Services.GetRequiredService<EndpointDataSource>().Endpoints;

        var mapped = endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpFunctionEndpoint>() is not null)
            .Select(e =>
            {
                var name = e.Metadata.GetMetadata<HttpFunctionEndpoint>()!.Name;
                var verbs = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
                return $"{name} {DeclaredHttpFunctions.MethodList(verbs)} {e.RoutePattern.RawText}";
            })
            .Order(StringComparer.Ordinal);

        var expected = _declared.Select(f => $"{f.Name} {f.Methods} api/{f.Route.TrimStart('/')}");
        Assert.Equal(expected.Order(StringComparer.Ordinal), mapped);
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
                var outcome = $"{function.Name}: {method} {path} -> {(int)response.StatusCode}";
                if (await RoutingMiss.IsRoutingMissAsync(response))
                {
                    misses.Add(outcome);
                }
                else if ((int)response.StatusCode >= 500)
                {
                    failures.Add(outcome);
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
        var path = new Uri("/api/no-such-function/" + Guid.NewGuid(), UriKind.Relative);

        using var response = await devHost.Client.GetAsync(path);

        Assert.True(await RoutingMiss.IsRoutingMissAsync(response));
    }

    [Fact]
    public void FunctionsMetadata_OfTheFunctionsBuild_ListsEveryHttpFunctionWithSameRouteAndMethods()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing; the Functions build writes it.");
        using var metadata = JsonDocument.Parse(File.ReadAllText(path));

        var listed = metadata.RootElement.EnumerateArray()
            .SelectMany(function => function.GetProperty("bindings").EnumerateArray()
                .Where(IsHttpTrigger)
                .Select(binding => Signature(function.GetProperty("name").GetString()!, binding)))
            .Order(StringComparer.Ordinal)
            .ToList();
        var catalog = devHost.Services.GetRequiredService<HttpFunctionCatalog>();
        var served = catalog.Functions.Select(Signature).Order(StringComparer.Ordinal);

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

    private static string Signature(HttpFunctionEndpoint function) =>
        $"{function.Name} {DeclaredHttpFunctions.MethodList(function.Methods)} {function.Route}";

    private static bool IsHttpTrigger(JsonElement binding) =>
        "httpTrigger".Equals(binding.GetProperty("type").GetString(), StringComparison.OrdinalIgnoreCase);

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
