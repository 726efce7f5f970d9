namespace RecomAmp.Core.Auth;

/// <summary>
/// A RecomAmp user (container <c>users</c>, partition key = id). The id is derived from the Login with Amazon
/// user id (<see cref="UserIds.FromLwaUserId"/>), so one Amazon account is always one user.
/// </summary>
public sealed record UserDocument
{
    public required string Id { get; init; }

    /// <summary>Amazon's stable id of the person (<c>amzn1.account.…</c>).</summary>
    public required string LwaUserId { get; init; }

    public required string Email { get; init; }

    public required string FullName { get; init; }

    /// <summary>IANA time zone used to show times to the user.</summary>
    public string Timezone { get; init; } = "UTC";

    public bool EmailNotifications { get; init; } = true;

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// The user's Amazon refresh token, encrypted by <see cref="TokenCipher"/> with the user id as associated
    /// data. Read and write it through <see cref="AmazonRefreshTokenStore"/>.
    /// </summary>
    public string? EncryptedRefreshToken { get; init; }

    public DateTimeOffset? RefreshTokenStoredAt { get; init; }
}
