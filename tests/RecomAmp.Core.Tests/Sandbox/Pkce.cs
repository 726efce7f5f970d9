using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace RecomAmp.Core.Tests.Sandbox;

/// <summary>A PKCE verifier and its S256 challenge per RFC 7636, made apart from the product.</summary>
internal sealed record Pkce(string Verifier, string Challenge)
{
    public static Pkce Create()
    {
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return new Pkce(verifier, challenge);
    }
}
