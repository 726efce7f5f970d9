namespace RecomAmp.Sandbox.Lwa;

/// <summary>
/// A person who can sign in to the Sandbox's Login with Amazon. <see cref="UserId"/> is the stable LWA id
/// (<c>amzn1.account.…</c>), derived from the email address.
/// </summary>
public sealed record SandboxLwaUser(string UserId, string Email, string Name);
