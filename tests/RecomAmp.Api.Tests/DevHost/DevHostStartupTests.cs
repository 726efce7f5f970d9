using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RecomAmp.Api.Tests.DevHost.TestFunctions;
using RecomAmp.DevHost;
using RecomAmp.DevHost.Functions;
using RecomAmp.DevHost.Hosting;

namespace RecomAmp.Api.Tests.DevHost;

/// <summary>
/// How DevHost picks its address, points sign-in at its Sandbox and reads the Functions app's settings.
/// </summary>
public sealed class DevHostStartupTests : IDisposable
{
    private static readonly DevHostOptions _noFunctions = new()
    {
        FunctionTypes = [],
        Banner = null,
    };

    private readonly string _folder =
        Path.Combine(Path.GetTempPath(), "recomamp-api-tests", Guid.NewGuid().ToString("N"));

    public DevHostStartupTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Start_PortZero_ResolvesLwaSettingsAndBannerToTheRealAddress()
    {
        using var banner = new StringWriter();
        var builder = DevHostApplication.CreateBuilder([], new DevHostOptions
        {
            FunctionTypes = [],
            Banner = banner,
            Settings = new Dictionary<string, string?>
            {
                ["urls"] = "http://127.0.0.1:0",
                ["Storage:DataPath"] = _folder,
                ["Lwa:TokenUrl"] = "https://api.amazon.com/auth/o2/token",
            },
        });
        await using var app = DevHostApplication.Build(builder);

        await app.StartAsync();
        var baseUrl = DevHostApplication.GetBaseUrl(app);
        var configuration = app.Services.GetRequiredService<IConfiguration>();
        await app.StopAsync();

        Assert.DoesNotContain(":0", baseUrl, StringComparison.Ordinal);
        Assert.Equal(baseUrl + "/sandbox/ap/oa", configuration["Lwa:AuthorizeUrl"]);
        Assert.Equal(baseUrl + "/sandbox/user/profile", configuration["Lwa:ProfileUrl"]);
        Assert.Equal("https://api.amazon.com/auth/o2/token", configuration["Lwa:TokenUrl"]);
        Assert.Equal(baseUrl + "/sandbox", configuration["Amc:BaseUrl"]);
        var printed = banner.ToString();
        Assert.Contains(baseUrl + "/api ", printed, StringComparison.Ordinal);
        Assert.Contains(_folder, printed, StringComparison.Ordinal);
        Assert.Contains("POST " + baseUrl + "/api/auth/login", printed, StringComparison.Ordinal);
        Assert.Contains("login_hint=", printed, StringComparison.Ordinal);
        Assert.Contains("POST " + baseUrl + "/api/auth/amazon/callback", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateBuilder_NoUrlsConfigured_ListensWhereFuncStartDoes()
    {
        var builder = DevHostApplication.CreateBuilder([], _noFunctions);

        Assert.Equal("http://localhost:7071", builder.Configuration["urls"]);
        Assert.Equal("http://localhost:7071/sandbox/auth/o2/token", builder.Configuration["Lwa:TokenUrl"]);
        Assert.Equal("http://localhost:7071/sandbox", builder.Configuration["Amc:BaseUrl"]);
        Assert.Equal("Embedded", builder.Configuration["Storage:Provider"]);
    }

    [Fact]
    public void CreateBuilder_UrlsArgument_OverridesTheDefault()
    {
        var builder = DevHostApplication.CreateBuilder(["--urls", "http://+:5099"], _noFunctions);

        Assert.Equal("http://+:5099", builder.Configuration["urls"]);
        Assert.Equal("http://localhost:5099/sandbox/ap/oa", builder.Configuration["Lwa:AuthorizeUrl"]);
    }

    [Theory]
    [InlineData("Amc:BaseUrl", "http://localhost:9000/sandbox")]
    [InlineData("Amc:NaBaseUrl", "https://advertising-api.amazon.com")]
    [InlineData("Amc:EuBaseUrl", "https://advertising-api-eu.amazon.com")]
    public void CreateBuilder_AmcBaseUrlConfigured_LeavesAmcAlone(string key, string value)
    {
        var options = new DevHostOptions
        {
            FunctionTypes = [],
            Banner = null,
            Settings = new Dictionary<string, string?> { [key] = value },
        };

        var builder = DevHostApplication.CreateBuilder([], options);

        Assert.Equal(key == "Amc:BaseUrl" ? value : null, builder.Configuration["Amc:BaseUrl"]);
        Assert.Equal("http://localhost:7071/sandbox/ap/oa", builder.Configuration["Lwa:AuthorizeUrl"]);
    }

    [Theory]
    [InlineData("Lwa:Region", "EU")]
    [InlineData("Lwa:BaseUrl", "http://localhost:9000/sandbox")]
    public void CreateBuilder_LwaRegionOrBaseUrlConfigured_LeavesLwaEndpointsAlone(string key, string value)
    {
        var options = new DevHostOptions
        {
            FunctionTypes = [],
            Banner = null,
            Settings = new Dictionary<string, string?> { [key] = value },
        };

        var builder = DevHostApplication.CreateBuilder([], options);

        Assert.Null(builder.Configuration["Lwa:AuthorizeUrl"]);
        Assert.Null(builder.Configuration["Lwa:TokenUrl"]);
        Assert.Null(builder.Configuration["Lwa:ProfileUrl"]);
    }

    [Theory]
    [InlineData("http://localhost:7071", "http://localhost:7071")]
    [InlineData("http://+:7071", "http://localhost:7071")]
    [InlineData("http://*:80;https://*:443", "http://localhost:80")]
    [InlineData("http://0.0.0.0:5000", "http://localhost:5000")]
    [InlineData("http://[::]:5000", "http://localhost:5000")]
    [InlineData("http://127.0.0.1:41000/", "http://127.0.0.1:41000")]
    [InlineData("http://127.0.0.1:0", null)]
    [InlineData("", null)]
    public void ListeningAddress_Urls_GiveTheClientBaseUrl(string urls, string? expected)
    {
        var baseUrl = ListeningAddress.ForClients(urls);

        Assert.Equal(expected, baseUrl);
    }

    [Fact]
    public void HostJson_RoutePrefix_IsReadAndDefaultsToApi()
    {
        var missing = HostJson.ReadRoutePrefix(_folder);
        File.WriteAllText(
            Path.Combine(_folder, "host.json"),
            """{ "version": "2.0", "extensions": { "http": { "routePrefix": "/v2/" } } }""");
        var configured = HostJson.ReadRoutePrefix(_folder);

        Assert.Equal("api", missing);
        Assert.Equal("v2", configured);
    }

    [Fact]
    public void HostJson_OfTheFunctionsBuild_IsNextToTheFunctionsAssembly()
    {
        var folder = Path.GetDirectoryName(DevHostApplication.FunctionsAssembly.Location)!;

        Assert.True(File.Exists(Path.Combine(folder, "host.json")));
        Assert.Equal("api", HostJson.ReadRoutePrefix(folder));
    }

    [Fact]
    public void Catalog_EmptyRoutePrefix_MapsRoutesAtTheRoot()
    {
        var catalog = HttpFunctionCatalog.Create([typeof(BindingTestFunctions)], routePrefix: "");

        Assert.Contains(catalog.Functions, f => f.Pattern.RawText == "binding/static");
    }
}
