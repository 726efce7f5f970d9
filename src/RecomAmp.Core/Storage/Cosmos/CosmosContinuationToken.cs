using System.Globalization;
using System.Text;

namespace RecomAmp.Core.Storage.Cosmos;

/// <summary>
/// The Cosmos store's continuation token, opaque to callers: either Cosmos DB's own continuation token (pages
/// read on from where the last one stopped, whatever was written in between), or the position after a page
/// that was asked for by offset (OFFSET/LIMIT pages: writes in between can shift positions).
/// </summary>
internal sealed record CosmosContinuationToken(string? CosmosToken, long Offset)
{
    private const string CosmosPrefix = "cosmos:";
    private const string OffsetPrefix = "offset:";

    public static string FromCosmos(string cosmosToken) => Encode(CosmosPrefix + cosmosToken);

    public static string FromOffset(long offset) =>
        Encode(OffsetPrefix + offset.ToString(CultureInfo.InvariantCulture));

    /// <exception cref="ArgumentException">The token is not one this store issued.</exception>
    public static CosmosContinuationToken Decode(string token, string parameterName)
    {
        var buffer = new byte[token.Length];
        if (Convert.TryFromBase64String(token, buffer, out var written))
        {
            var text = Encoding.UTF8.GetString(buffer, 0, written);
            if (text.StartsWith(CosmosPrefix, StringComparison.Ordinal) && text.Length > CosmosPrefix.Length)
            {
                return new CosmosContinuationToken(text[CosmosPrefix.Length..], 0);
            }

            if (text.StartsWith(OffsetPrefix, StringComparison.Ordinal)
                && long.TryParse(
                    text.AsSpan(OffsetPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture,
                    out var offset))
            {
                return new CosmosContinuationToken(null, offset);
            }
        }

        throw new ArgumentException("The continuation token is not one this store issued.", parameterName);
    }

    private static string Encode(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
