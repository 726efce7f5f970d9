namespace RecomAmp.Sandbox.Lwa;

/// <summary>The body of <c>GET /user/profile</c>; name and email need the <c>profile</c> scope.</summary>
public sealed record LwaSandboxProfile(string UserId, string? Name, string? Email);
