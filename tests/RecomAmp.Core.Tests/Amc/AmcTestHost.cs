using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RecomAmp.Core.Amc;
using RecomAmp.Core.Auth;
using RecomAmp.Core.Instances;
using RecomAmp.Core.Storage;

namespace RecomAmp.Core.Tests.Amc;

/// <summary>
/// The product's Core services as the hosts register them, on a temporary data folder, with Login with
/// Amazon and AMC pointed at a <see cref="FakeAmazon"/> (or another Amazon stand-in), short retry
/// delays, and one signed-in user whose stored Amazon refresh token is <see cref="RefreshToken"/>.
/// </summary>
internal sealed class AmcTestHost : IAsyncDisposable
{
    public const string UserId = "user-amc";
    public const string RefreshToken = "refresh-1";

    private readonly string _dataPath =
        Path.Combine(Path.GetTempPath(), "recomamp-tests-" + Guid.NewGuid().ToString("N"));

    private readonly ServiceProvider _provider;

    private AmcTestHost(
        Uri amazonUrl, TimeProvider? timeProvider, IReadOnlyDictionary<string, string?>? settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Embedded",
            ["Storage:DataPath"] = _dataPath,
            ["Lwa:BaseUrl"] = amazonUrl.AbsoluteUri,
            ["Amc:BaseUrl"] = amazonUrl.AbsoluteUri,
            ["Amc:MaxRetryAttempts"] = "3",
            ["Amc:RetryBaseDelay"] = "00:00:00.010",
            ["Amc:MaxRetryDelay"] = "00:00:02",
            ["Amc:AttemptTimeout"] = "00:00:05",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        services.AddRecomAmpCore(configuration);
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public CapturedLogs Logs { get; } = new();

    public AmcReportingClient Client => Get<AmcReportingClient>();

    public AmazonAccessTokenProvider Tokens => Get<AmazonAccessTokenProvider>();

    public InstanceService Instances => Get<InstanceService>();

    /// <summary>
    /// Starts the host with the user <see cref="UserId"/> whose refresh token is stored, unless
    /// <paramref name="userRefreshToken"/> is null: then the test adds the user itself.
    /// </summary>
    public static async Task<AmcTestHost> StartAsync(
        Uri amazonUrl,
        TimeProvider? timeProvider = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        string? userRefreshToken = RefreshToken)
    {
        var host = new AmcTestHost(amazonUrl, timeProvider, settings);
        if (userRefreshToken is not null)
        {
            await host.AddUserAsync(UserId, userRefreshToken);
        }

        return host;
    }

    /// <summary>A target on the user's behalf, as instances give it.</summary>
    public static AmcTarget Target(string amcInstanceId = "amcabc12345") =>
        new(UserId, amcInstanceId, "ENTITY1TEST", "ATVPDKIKX0DER", "us-east-1");

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>Stores a user as sign-in does, with an encrypted Amazon refresh token.</summary>
    public async Task AddUserAsync(string userId, string? refreshToken)
    {
        var now = DateTimeOffset.UtcNow;
        var user = new UserDocument
        {
            Id = userId,
            LwaUserId = "amzn1.account." + userId,
            Email = userId + "@example.test",
            FullName = userId,
            CreatedAt = now,
            UpdatedAt = now,
            EncryptedRefreshToken = refreshToken is null
                ? null
                : Get<AmazonRefreshTokenStore>().Encrypt(userId, refreshToken),
        };
        await Get<IDocumentStore>().CreateAsync(StorageContainers.Users, userId, userId, user, default);
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataPath))
        {
            Directory.Delete(_dataPath, recursive: true);
        }
    }
}
