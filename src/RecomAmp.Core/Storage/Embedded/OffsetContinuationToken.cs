using System.Globalization;
using System.Text;

namespace RecomAmp.Core.Storage.Embedded;

/// <summary>
/// The embedded store's continuation token: the position of the next page, encoded so that callers treat it
/// as opaque. Writes between pages can shift positions, the same trade-off as numbered pages.
/// </summary>
internal static class OffsetContinuationToken
{
    private const string Prefix = "offset:";

    public static string Encode(long offset)
    {
        var text = Prefix + offset.ToString(CultureInfo.InvariantCulture);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
    }

    public static long Decode(string token, string parameterName)
    {
        var buffer = new byte[token.Length];
        if (Convert.TryFromBase64String(token, buffer, out var written))
        {
            var text = Encoding.UTF8.GetString(buffer, 0, written);
            if (text.StartsWith(Prefix, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture,
                    out var offset))
            {
                return offset;
            }
        }

        throw new ArgumentException("The continuation token is not one this store issued.", parameterName);
    }
}
