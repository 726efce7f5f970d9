namespace RecomAmp.Core.Auth;

/// <summary>The body of <c>POST /api/auth/amazon/callback</c>: what Amazon added to the redirect.</summary>
public sealed record AmazonCallbackRequest
{
    public string? Code { get; init; }

    public string? State { get; init; }
}
