using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RecomAmp.Sandbox.Amc;

/// <summary>
/// What every AMC call goes through: injected faults first, then the headers AMC checks
/// (Amazon-Advertising-API-ClientId and a bearer token: 401; Amazon-Advertising-API-AdvertiserId and
/// Amazon-Advertising-API-MarketplaceId: 403), then the instance (404), then the handler, whose
/// <see cref="AmcApiException"/> become Amazon-like JSON errors.
/// </summary>
internal sealed class AmcRequestGuard(
    IOptions<AmcSandboxOptions> options, AmcFaultInjection faults, IServiceProvider services)
{
    public const string ClientIdHeader = "Amazon-Advertising-API-ClientId";
    public const string AdvertiserIdHeader = "Amazon-Advertising-API-AdvertiserId";
    public const string MarketplaceIdHeader = "Amazon-Advertising-API-MarketplaceId";

    private static readonly Regex _marketplacePattern = new("^[A-Z0-9]{10,14}$", RegexOptions.CultureInvariant);

    public Task<IResult> RunAsync(
        HttpContext http, AmcOperation operation, bool requireAdvertiser, string? instanceId,
        Func<AmcCaller, IResult> handler) =>
        RunAsync(http, operation, requireAdvertiser, instanceId, caller => Task.FromResult(handler(caller)));

    public async Task<IResult> RunAsync(
        HttpContext http, AmcOperation operation, bool requireAdvertiser, string? instanceId,
        Func<AmcCaller, Task<IResult>> handler)
    {
        try
        {
            if (faults.TakeCallFault(operation) is { } fault)
            {
                if (fault.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(fault.Delay, http.RequestAborted);
                }

                if (fault.StatusCode is { } status)
                {
                    return InjectedError(http, status);
                }
            }

            var caller = Authenticate(http, requireAdvertiser);
            if (instanceId is not null)
            {
                CheckInstance(caller, instanceId);
            }

            return await handler(caller);
        }
        catch (AmcApiException ex)
        {
            return Error(ex.StatusCode, ex.Code, ex.Message);
        }
    }

    public static IResult Error(int status, string code, string details) =>
        Results.Json(new AmcError(code, details), AmcJson.Options, statusCode: status);

    public IResult TooManyRequests(HttpContext http, string details)
    {
        http.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Error(429, "TOO_MANY_REQUESTS", details);
    }

    /// <summary>The account and instances the caller may use, or null when the id is not accepted.</summary>
    public AmcSandboxAccount? FindAccount(string? accountId)
    {
        if (string.IsNullOrEmpty(accountId))
        {
            return null;
        }

        var configured = options.Value.EffectiveAccounts.FirstOrDefault(a => a.AccountId == accountId);
        if (configured is not null)
        {
            return configured;
        }

        return Regex.IsMatch(accountId, options.Value.AccountIdPattern, RegexOptions.CultureInvariant)
            ? new AmcSandboxAccount { AccountId = accountId, AccountName = accountId }
            : null;
    }

    public bool IsKnownInstance(AmcSandboxAccount account, string instanceId) =>
        account.InstanceIds.Contains(instanceId, StringComparer.Ordinal)
        || (!options.Value.EffectiveAccounts.Any(a => a.InstanceIds.Contains(instanceId, StringComparer.Ordinal))
            && Regex.IsMatch(instanceId, options.Value.InstanceIdPattern, RegexOptions.CultureInvariant));

    private AmcCaller Authenticate(HttpContext http, bool requireAdvertiser)
    {
        var clientId = http.Request.Headers[ClientIdHeader].ToString();
        if (string.IsNullOrEmpty(clientId))
        {
            throw new AmcApiException(401, "UNAUTHORIZED", $"Missing header {ClientIdHeader}");
        }

        if (clientId != options.Value.ClientId)
        {
            throw new AmcApiException(401, "UNAUTHORIZED", $"Unknown {ClientIdHeader}");
        }

        var authorization = http.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            throw new AmcApiException(401, "UNAUTHORIZED", "Missing bearer token in the Authorization header");
        }

        var tokens = services.GetService<ISandboxAccessTokens>();
        if (tokens is null || !tokens.IsValid(authorization["Bearer ".Length..].Trim()))
        {
            throw new AmcApiException(401, "UNAUTHORIZED", "The access token is invalid or has expired");
        }

        if (!requireAdvertiser)
        {
            return new AmcCaller(null);
        }

        var accountId = http.Request.Headers[AdvertiserIdHeader].ToString();
        var account = FindAccount(accountId)
            ?? throw new AmcApiException(403, "FORBIDDEN", string.IsNullOrEmpty(accountId)
                ? $"Missing header {AdvertiserIdHeader}"
                : $"Not authorized to access advertiser {accountId}");

        var marketplace = http.Request.Headers[MarketplaceIdHeader].ToString();
        var marketplaceOk = account.MarketplaceId.Length > 0
            ? marketplace == account.MarketplaceId
            : _marketplacePattern.IsMatch(marketplace);
        if (!marketplaceOk)
        {
            throw new AmcApiException(403, "FORBIDDEN", string.IsNullOrEmpty(marketplace)
                ? $"Missing header {MarketplaceIdHeader}"
                : $"Marketplace {marketplace} does not belong to advertiser {account.AccountId}");
        }

        return new AmcCaller(account);
    }

    private void CheckInstance(AmcCaller caller, string instanceId)
    {
        if (caller.Account is null || !IsKnownInstance(caller.Account, instanceId))
        {
            throw AmcApiException.NotFound($"Instance {instanceId} was not found");
        }
    }

    private IResult InjectedError(HttpContext http, int status) => status switch
    {
        429 => TooManyRequests(http, "Too Many Requests (injected by the Sandbox)"),
        401 => Error(401, "UNAUTHORIZED", "Unauthorized (injected by the Sandbox)"),
        403 => Error(403, "FORBIDDEN", "Forbidden (injected by the Sandbox)"),
        >= 500 => Error(status, "INTERNAL_ERROR", "Internal error (injected by the Sandbox)"),
        _ => Error(status, "ERROR", "Error (injected by the Sandbox)"),
    };
}
