using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using RecomAmp.DevHost;
using RecomAmp.DevHost.Functions;

namespace RecomAmp.Api.Tests.DevHost;

/// <summary>Whatever DevHost cannot serve stops start-up with the function and parameter named.</summary>
public sealed class StartupValidationTests
{
    private const AuthorizationLevel Anonymous = AuthorizationLevel.Anonymous;

    [Fact]
    public void CreateBuilder_ParameterNotInRoute_ThrowsNamingFunctionAndParameter()
    {
        var options = Options(typeof(UnbindableParameter));

        var error = Assert.Throws<DevHostStartupException>(
            () => DevHostApplication.CreateBuilder([], options));

        Assert.Equal("Bad_Unbindable", error.FunctionName);
        Assert.Equal("workflowName", error.ParameterName);
        Assert.Contains("'Bad_Unbindable'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'workflowName'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(UnsupportedRouteValueType), "when")]
    [InlineData(typeof(WrongTriggerType), "request")]
    [InlineData(typeof(WrongDurableClientType), "client")]
    [InlineData(typeof(OptionalRouteValueNotNullable), "page")]
    [InlineData(typeof(KeyedTrigger), "request")]
    public void Catalog_ParameterDevHostCannotBind_ThrowsNamingIt(Type functions, string parameter)
    {
        var error = Assert.Throws<DevHostStartupException>(() => HttpFunctionCatalog.Create([functions]));

        Assert.Equal("Bad_Function", error.FunctionName);
        Assert.Equal(parameter, error.ParameterName);
        Assert.Contains($"'{parameter}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(UnsupportedReturnType))]
    [InlineData(typeof(DuplicateRoute))]
    [InlineData(typeof(UnsupportedTrigger))]
    [InlineData(typeof(NonPublicFunction))]
    public void Catalog_FunctionDevHostCannotServe_ThrowsNamingIt(Type functions)
    {
        var error = Assert.Throws<DevHostStartupException>(() => HttpFunctionCatalog.Create([functions]));

        Assert.StartsWith("Bad_", error.FunctionName, StringComparison.Ordinal);
        Assert.Contains($"'{error.FunctionName}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(TimerWithMissingSetting), "Missing:Schedule")]
    [InlineData(typeof(TimerWithFiveFieldSchedule), "0 * * * *")]
    [InlineData(typeof(TimerWithHttpRequest), "request")]
    public void TimerCatalog_FunctionDevHostCannotRun_ThrowsNamingIt(Type functions, string detail)
    {
        var configuration = new ConfigurationBuilder().Build();

        var error = Assert.Throws<DevHostStartupException>(
            () => TimerFunctionCatalog.Create([functions], configuration));

        Assert.Equal("Bad_Timer", error.FunctionName);
        Assert.Contains(detail, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_FunctionClassNeedsUnregisteredService_ThrowsNamingIt()
    {
        var builder = DevHostApplication.CreateBuilder([], Options(typeof(NeedsUnregisteredService)));

        var error = Assert.Throws<DevHostStartupException>(() => DevHostApplication.Build(builder));

        Assert.Equal("Bad_Function", error.FunctionName);
        Assert.Equal("service", error.ParameterName);
    }

    private static DevHostOptions Options(Type functions) => new()
    {
        FunctionTypes = [functions],
        Banner = null,
        Settings = new Dictionary<string, string?> { ["urls"] = "http://127.0.0.1:0" },
    };

    internal sealed class UnbindableParameter
    {
        [Function("Bad_Unbindable")]
        public static IActionResult Run(
            [HttpTrigger(Anonymous, "get", Route = "bad/{id}")] HttpRequest request,
            string id,
            string workflowName) =>
            new OkResult();
    }

    internal sealed class UnsupportedRouteValueType
    {
        [Function("Bad_Function")]
        public static IActionResult Run(
            [HttpTrigger(Anonymous, "get", Route = "bad/{when}")] HttpRequest request, DateTime when) =>
            new OkResult();
    }

    internal sealed class WrongTriggerType
    {
        [Function("Bad_Function")]
        public static IActionResult Run([HttpTrigger(Anonymous, "get", Route = "bad")] string request) =>
            new OkResult();
    }

    internal sealed class WrongDurableClientType
    {
#pragma warning disable DURABLE1002 // The wrong type is what this case is about.
        [Function("Bad_Function")]
        public static IActionResult Run(
            [HttpTrigger(Anonymous, "get", Route = "bad")] HttpRequest request,
            [DurableClient] object client) =>
            new OkResult();
#pragma warning restore DURABLE1002
    }

    internal sealed class OptionalRouteValueNotNullable
    {
        [Function("Bad_Function")]
        public static IActionResult Run(
            [HttpTrigger(Anonymous, "get", Route = "bad/{page?}")] HttpRequest request, int page) =>
            new OkResult();
    }

    internal sealed class KeyedTrigger
    {
        [Function("Bad_Function")]
        public static IActionResult Run(
            [HttpTrigger(AuthorizationLevel.Function, "get", Route = "bad")] HttpRequest request) =>
            new OkResult();
    }

    internal sealed class UnsupportedReturnType
    {
        [Function("Bad_Return")]
        public static string Run([HttpTrigger(Anonymous, "get", Route = "bad")] HttpRequest request) =>
            "text";
    }

    internal sealed class DuplicateRoute
    {
        [Function("Bad_First")]
        public static IActionResult First(
            [HttpTrigger(Anonymous, "get", Route = "bad/{id}")] HttpRequest request, string id) =>
            new OkResult();

        [Function("Bad_Second")]
        public static IActionResult Second(
            [HttpTrigger(Anonymous, "get", "post", Route = "BAD/{name}")] HttpRequest request, string name) =>
            new OkResult();
    }

    internal sealed class UnsupportedTrigger
    {
        [Function("Bad_Activity")]
        public static string Run([ActivityTrigger] string input) => input;
    }

    internal sealed class NonPublicFunction
    {
        [Function("Bad_Hidden")]
        internal static IActionResult Run(
            [HttpTrigger(Anonymous, "get", Route = "bad")] HttpRequest request) =>
            new OkResult();
    }

    internal sealed class TimerWithMissingSetting
    {
        [Function("Bad_Timer")]
        public static void Run([TimerTrigger("%Missing:Schedule%")] TimerInfo timer)
        {
        }
    }

    internal sealed class TimerWithFiveFieldSchedule
    {
        [Function("Bad_Timer")]
        public static void Run([TimerTrigger("0 * * * *")] TimerInfo timer)
        {
        }
    }

    internal sealed class TimerWithHttpRequest
    {
        [Function("Bad_Timer")]
        public static void Run([TimerTrigger("0 * * * * *")] TimerInfo timer, HttpRequest request)
        {
        }
    }

    internal sealed class NeedsUnregisteredService(NeedsUnregisteredService.IUnregistered service)
    {
        public interface IUnregistered;

        [Function("Bad_Function")]
        public IActionResult Run([HttpTrigger(Anonymous, "get", Route = "bad")] HttpRequest request) =>
            new OkObjectResult(service.GetType().Name);
    }
}
