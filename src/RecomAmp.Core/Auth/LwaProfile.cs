namespace RecomAmp.Core.Auth;

/// <summary>
/// The Amazon user behind an access token. <see cref="UserId"/> (<c>amzn1.account.…</c>) is the stable
/// identity; name and email need the <c>profile</c> scope and may be missing.
/// </summary>
public sealed record LwaProfile(string UserId, string? Name, string? Email);
