namespace RecomAmp.Core.Auth;

/// <summary>The body of <c>POST /api/auth/login</c>.</summary>
public sealed record LoginRequest
{
    public string? RedirectUri { get; init; }
}
