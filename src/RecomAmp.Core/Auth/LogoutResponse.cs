namespace RecomAmp.Core.Auth;

/// <summary>The body of <c>POST /api/auth/logout</c>.</summary>
public sealed record LogoutResponse(string Message);
