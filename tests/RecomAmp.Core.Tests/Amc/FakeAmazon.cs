using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RecomAmp.Core.Tests.Amc;

/// <summary>
/// A stand-in for Amazon on Kestrel at 127.0.0.1, answering as Amazon's wire protocol does: Login with
/// Amazon's token endpoint (<c>/auth/o2/token</c>, refresh grant) issuing <c>access-1</c>, <c>access-2</c>,
/// ..., and whatever the test programs for every other path (AMC's API, pre-signed result links).
/// </summary>
internal sealed class FakeAmazon : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<string> _presentedRefreshTokens = new();
    private int _refreshCount;

    private FakeAmazon(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The server's root, e.g. http://127.0.0.1:43121/.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Answers every request that is not a token request; 404 when unset.</summary>
    public Func<RecordedRequest, FakeAnswer> Handler { get; set; } = _ => new FakeAnswer(404);

    /// <summary>How the token endpoint answers about the refresh token: "same", "rotate" or "omit".</summary>
    public string RefreshTokenAnswer { get; set; } = "same";

    /// <summary>When set, the token endpoint refuses refresh grants with this OAuth error.</summary>
    public string? RefreshError { get; set; }

    /// <summary>How long the token endpoint takes, so that concurrent callers overlap.</summary>
    public TimeSpan TokenDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The access token lifetime the token endpoint announces, in seconds.</summary>
    public int ExpiresIn { get; set; } = 3600;

    /// <summary>Refresh grants answered with tokens.</summary>
    public int RefreshCount => Volatile.Read(ref _refreshCount);

    /// <summary>The refresh tokens presented to the token endpoint, in order.</summary>
    public IReadOnlyList<string> PresentedRefreshTokens => [.. _presentedRefreshTokens];

    /// <summary>Every non-token request, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static async Task<FakeAmazon> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var fake = new FakeAmazon(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features
            .GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        fake.BaseUrl = new Uri(address + "/");
        return fake;
    }

    /// <summary>Answers with the given answers in turn, then repeats the last one.</summary>
    public void AnswerInTurn(params FakeAnswer[] answers)
    {
        var next = 0;
        Handler = _ => answers[Math.Min(Interlocked.Increment(ref next) - 1, answers.Length - 1)];
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        if (http.Request.Path == "/auth/o2/token")
        {
            await TokenAsync(http);
            return;
        }

        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        var headers = http.Request.Headers.ToDictionary(
            h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new RecordedRequest(
            http.Request.Method,
            http.Request.Path.Value ?? "/",
            http.Request.QueryString.Value ?? string.Empty,
            headers,
            body);
        _requests.Enqueue(request);

        var answer = Handler(request);
        if (answer.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(answer.Delay, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        http.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
        {
            http.Response.Headers[name] = value;
        }

        if (answer.Body is not null)
        {
            http.Response.ContentType = answer.ContentType;
            await http.Response.WriteAsync(answer.Body, http.RequestAborted);
        }
    }

    private async Task TokenAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        await Task.Delay(TokenDelay, http.RequestAborted);
        if (form["grant_type"] != "refresh_token" || string.IsNullOrEmpty(form["refresh_token"]))
        {
            await WriteJsonAsync(http, 400, """{"error": "unsupported_grant_type"}""");
            return;
        }

        var presented = form["refresh_token"].ToString();
        _presentedRefreshTokens.Enqueue(presented);
        if (RefreshError is { } error)
        {
            await WriteJsonAsync(
                http, 400, $$"""{"error": "{{error}}", "error_description": "The token is revoked"}""");
            return;
        }

        var number = Interlocked.Increment(ref _refreshCount);
        var refreshPart = RefreshTokenAnswer switch
        {
            "rotate" => $$""", "refresh_token": "refresh-rotated-{{number}}" """,
            "omit" => string.Empty,
            _ => $$""", "refresh_token": "{{presented}}" """,
        };
        await WriteJsonAsync(
            http,
            200,
            $$"""
            {"access_token": "access-{{number}}", "token_type": "bearer",
             "expires_in": {{ExpiresIn}}{{refreshPart}}}
            """);
    }

    private static async Task WriteJsonAsync(HttpContext http, int status, string json)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(json, http.RequestAborted);
    }
}
