using RecomAmp.Sandbox.Amc.Engine;

namespace RecomAmp.Sandbox.Amc;

/// <summary>
/// How the Sandbox's AMC behaves (section <c>Sandbox:Amc</c>). With no <see cref="Accounts"/> configured it
/// serves one account, <c>ENTITY1SANDBOX</c> (marketplace <c>ATVPDKIKX0DER</c>) with instance
/// <c>amcsandbox01</c>. Besides configured ones, any advertiser id matching <see cref="AccountIdPattern"/> and any
/// instance id matching <see cref="InstanceIdPattern"/> are accepted, so tests can use fresh ids freely.
/// </summary>
public sealed class AmcSandboxOptions
{
    public const string SectionName = "Sandbox:Amc";
    public const string DefaultAccountId = "ENTITY1SANDBOX";
    public const string DefaultInstanceId = "amcsandbox01";
    public const string DefaultMarketplaceId = "ATVPDKIKX0DER";

    /// <summary>The Amazon-Advertising-API-ClientId callers must send; the Sandbox LWA's default client id.</summary>
    public string ClientId { get; set; } = "amzn1.application-oa2-client.recomamp-sandbox";

    public List<AmcSandboxAccount> Accounts { get; set; } = [];

    /// <summary>Advertiser ids accepted without configuration, with any marketplace id of 10 to 14
    /// capitals and digits.</summary>
    public string AccountIdPattern { get; set; } = "^ENTITY[A-Z0-9]{4,40}$";

    /// <summary>Instance ids accepted without configuration, under any accepted account.</summary>
    public string InstanceIdPattern { get; set; } = "^amc[a-z0-9]{5,40}$";

    /// <summary>How long a new execution stays PENDING before it runs.</summary>
    public TimeSpan PendingDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The least time an execution stays RUNNING, however fast the query is.</summary>
    public TimeSpan RunningDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>PENDING plus RUNNING executions allowed per instance; more are refused with 429 (AMC: 10).</summary>
    public int MaxActiveExecutionsPerInstance { get; set; } = 10;

    /// <summary>Queries run at the same time on this machine; the others wait (still RUNNING).</summary>
    public int MaxConcurrentQueries { get; set; } = 2;

    /// <summary>The Retry-After seconds of a 429.</summary>
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>How long a download link works (AMC: about 10 minutes).</summary>
    public TimeSpan DownloadUrlLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Rows per CSV file; a bigger result is split over several files.</summary>
    public int MaxRowsPerFile { get; set; } = 500_000;

    /// <summary>Where result files go; a folder under the system temp folder when empty.</summary>
    public string? ResultsPath { get; set; }

    /// <summary>Build the synthetic data in the background when the host starts, rather than on the first
    /// call that needs it (off by default so hosts that never use AMC, such as API tests, pay nothing).</summary>
    public bool BuildDataOnStart { get; set; }

    /// <summary>Size and seed of the synthetic data.</summary>
    public AmcDataOptions Data { get; set; } = new();

    /// <summary>The configured accounts, or the default one when none is configured.</summary>
    public IReadOnlyList<AmcSandboxAccount> EffectiveAccounts => Accounts.Count > 0
        ? Accounts
        :
        [
            new AmcSandboxAccount
            {
                AccountId = DefaultAccountId,
                AccountName = "RecomAmp Sandbox Advertiser",
                MarketplaceId = DefaultMarketplaceId,
                InstanceIds = [DefaultInstanceId],
            },
        ];
}
