namespace RecomAmp.Core.Auth;

/// <summary>The user part of <see cref="SignInResponse"/>.</summary>
public sealed record SignedInUser(string Id, string Email, string FullName, DateTimeOffset CreatedAt);
