using System.Security.Cryptography;
using System.Text;

namespace RecomAmp.Core.Auth;

/// <summary>Derives RecomAmp user ids from Amazon identities.</summary>
public static class UserIds
{
    /// <summary>
    /// The user id for a Login with Amazon user id: a UUID (RFC 9562 version 8) built from SHA-256 of it. The
    /// same Amazon account always maps to the same id, so concurrent first sign-ins cannot create two users.
    /// </summary>
    public static string FromLwaUserId(string lwaUserId)
    {
        ArgumentException.ThrowIfNullOrEmpty(lwaUserId);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("recomamp-user:" + lwaUserId), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true).ToString();
    }
}
