namespace RecomAmp.Core.Auth;

/// <summary>The body of <c>GET /api/auth/me</c>.</summary>
public sealed record CurrentUserResponse(
    string Id,
    string Email,
    string FullName,
    string Timezone,
    bool EmailNotifications,
    DateTimeOffset CreatedAt);
