using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;

namespace RecomAmp.Testing;

/// <summary>
/// The Cosmos DB account of this test run, one per test process. With <c>RECOMAMP_COSMOS_ENDPOINT</c> set
/// (and <c>RECOMAMP_COSMOS_KEY</c> for a key) the tests use that account: the official emulator, a real
/// account, or the server <c>.ci/run</c> started. Otherwise the first test that asks starts the local server
/// (<c>node tools/cosmos-server/launcher.js</c>) on a free port, and it is stopped, by its process id, when
/// the test process exits; the launcher also exits by itself once this process is gone.
/// </summary>
public static class CosmosTestServer
{
    public const string EndpointVariable = "RECOMAMP_COSMOS_ENDPOINT";
    public const string KeyVariable = "RECOMAMP_COSMOS_KEY";

    private const string ReadyPrefix = "cosmos-server ready ";
    private static readonly TimeSpan _startTimeout = TimeSpan.FromSeconds(30);
    private static readonly Lazy<Task<CosmosTestAccount>> _account = new(StartAsync);

    /// <summary>The account, started on first use.</summary>
    public static Task<CosmosTestAccount> AccountAsync() => _account.Value;

    private static async Task<CosmosTestAccount> StartAsync()
    {
        var endpoint = Environment.GetEnvironmentVariable(EndpointVariable);
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            var key = Environment.GetEnvironmentVariable(KeyVariable);
            if (string.IsNullOrWhiteSpace(key))
            {
                return new CosmosTestAccount(endpoint, null, false);
            }

            // An emulator's certificate is self-signed; a real account's is not.
            var isAzure = new Uri(endpoint).Host.EndsWith(".azure.com", StringComparison.OrdinalIgnoreCase);
            return new CosmosTestAccount(endpoint, key, !isAzure);
        }

        var url = await LaunchAsync();

        // The local server takes any key, but the SDK signs requests with it, so it must be base64.
        return new CosmosTestAccount(url, Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)), true);
    }

    private static async Task<string> LaunchAsync()
    {
        var folder = ServerFolder();
        var launcher = Path.Combine(folder, "launcher.js");
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
        {
            throw new InvalidOperationException(
                $"The local Cosmos DB server's packages are missing; run `npm ci` in {folder} (building the "
                + "test projects does that).");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments = [launcher, "--port", "0", "--parent-pid", $"{Environment.ProcessId}"];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new List<string>();
        var server = new Process { StartInfo = start, EnableRaisingEvents = true };

        // Both pipes are read to the end: a server blocked on a full pipe would stop answering.
        server.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.StartsWith(ReadyPrefix, StringComparison.Ordinal) == true)
            {
                ready.TrySetResult(line.Data[ReadyPrefix.Length..].Trim());
            }
        };
        server.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                lock (errors)
                {
                    errors.Add(line.Data);
                }
            }
        };
        server.Exited += (_, _) => ready.TrySetException(new InvalidOperationException(
            $"The local Cosmos DB server exited with code {server.ExitCode}: "
            + string.Join('\n', Snapshot(errors))));

        try
        {
            server.Start();
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException(
                $"Node.js could not be started; the tests need Node.js 20 to run the local Cosmos DB server, or "
                + $"{EndpointVariable} naming another.", exception);
        }

        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(server);

        try
        {
            return await ready.Task.WaitAsync(_startTimeout);
        }
        catch (TimeoutException exception)
        {
            Stop(server);
            throw new InvalidOperationException(
                $"The local Cosmos DB server did not say it was ready within {_startTimeout.TotalSeconds} s: "
                + string.Join('\n', Snapshot(errors)), exception);
        }
    }

    private static void Stop(Process server)
    {
        try
        {
            if (!server.HasExited)
            {
                server.Kill();
                server.WaitForExit(TimeSpan.FromSeconds(5));
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }

    private static string ServerFolder() =>
        typeof(CosmosTestServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "CosmosServerFolder").Value!;

    private static List<string> Snapshot(List<string> lines)
    {
        lock (lines)
        {
            return [.. lines];
        }
    }
}
