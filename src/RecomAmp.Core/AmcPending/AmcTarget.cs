namespace RecomAmp.Core.Amc;

// Temporary copy of the shared AMC client contract, kept only until the AMC client lands on main.

/// <summary>Which AMC instance a call goes to, on whose behalf (the user's LWA tokens are used).</summary>
public sealed record AmcTarget(
    string UserId, string AmcInstanceId, string AdvertiserId, string MarketplaceId, string Region);
