using System.Net;

namespace RecomAmp.DevHost.Hosting;

/// <summary>
/// Turns the address DevHost listens on into the base URL a client (or the Sandbox's redirects) can use.
/// </summary>
internal static class ListeningAddress
{
    /// <summary>
    /// The base URL (scheme, host and port, no path) for the first of the <c>urls</c> setting, or null when
    /// there is none or its port is 0 (chosen by the system when Kestrel starts).
    /// </summary>
    public static string? ForClients(string? urls)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault();
        if (first is null)
        {
            return null;
        }

        // Kestrel accepts "*" and "+" as "any host"; System.Uri does not.
        var parsable = first.Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal);
        if (!Uri.TryCreate(parsable, UriKind.Absolute, out var uri) || uri.Port == 0)
        {
            return null;
        }

        var host = IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip)
            && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))
            ? "localhost"
            : uri.Host;
        return $"{uri.Scheme}://{host}:{uri.Port}";
    }
}
