using System.Net.Security;
using Azure.Identity;
using Microsoft.Azure.Cosmos;
using RecomAmp.Core.Common;

namespace RecomAmp.Core.Storage.Cosmos;

/// <summary>
/// Builds the process's one <see cref="CosmosClient"/> from <see cref="CosmosOptions"/>. The client is
/// thread-safe and holds connections and caches, so it lives as long as the host (a DI singleton): an Azure
/// Functions instance reuses it across invocations.
/// </summary>
internal static class CosmosClientFactory
{
    public const string ApplicationName = "RecomAmp";

    // The local server answers on one Node thread. Without a cap, concurrent calls each open another TLS
    // connection instead of waiting for a free one, and the handshakes cost more than the calls.
    private const int LocalMaxConnectionsPerServer = 16;

    // Under the local server's keep-alive timeout (60 s), so an idle connection is dropped here first.
    private static readonly TimeSpan _localIdleConnectionTimeout = TimeSpan.FromSeconds(30);

    /// <exception cref="InvalidOperationException">
    /// The options cannot be used; the message says why.
    /// </exception>
    public static CosmosClient Create(CosmosOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }

        var clientOptions = new CosmosClientOptions
        {
            ApplicationName = ApplicationName,
            ConnectionMode = options.EffectiveConnectionMode,

            // Query parameters and aggregate results go through the product's JSON settings; documents are
            // written and read as streams in that same form.
            UseSystemTextJsonSerializerWithOptions = RecomAmpJson.Options,

            // Writes return the ETag in a header; the body would only repeat what the caller sent.
            EnableContentResponseOnWrite = false,

            // Emulators advertise regional endpoints under names that only resolve inside their own host.
            LimitToEndpoint = options.UsesAccountKey,
        };

        if (options.AcceptAnyServerCertificate)
        {
            clientOptions.HttpClientFactory = CreateLocalHttpClient;
        }

        var endpoint = options.AccountEndpoint!;
        return options.UsesAccountKey
            ? new CosmosClient(endpoint, options.AccountKey, clientOptions)
            : new CosmosClient(endpoint, new DefaultAzureCredential(), clientOptions);
    }

    private static HttpClient CreateLocalHttpClient()
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = LocalMaxConnectionsPerServer,
            PooledConnectionIdleTimeout = _localIdleConnectionTimeout,
            SslOptions = new SslClientAuthenticationOptions
            {
                // Emulators and the local server present self-signed certificates; CosmosOptions refuses this
                // setting for Azure endpoints and for identity sign-in.
#pragma warning disable CA5359
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
#pragma warning restore CA5359
            },
        };
        return new HttpClient(handler, disposeHandler: true);
    }
}
