namespace RecomAmp.Core.Amc;

/// <summary>
/// Which AMC instance a call goes to, on whose behalf (the user's Login with Amazon tokens are used).
/// </summary>
/// <param name="UserId">Our user whose Amazon authorization signs the call.</param>
/// <param name="AmcInstanceId">AMC's own instance id (the one in AMC URLs), not our instance id.</param>
/// <param name="AdvertiserId">The AMC account id (<c>Amazon-Advertising-API-AdvertiserId</c>).</param>
/// <param name="MarketplaceId">The marketplace (<c>Amazon-Advertising-API-MarketplaceId</c>).</param>
/// <param name="Region">
/// The instance's region as stored on our instance: <c>us-east-1</c> (NA), <c>eu-west-1</c> (EU) or
/// <c>us-west-2</c> (FE); it picks the Ads API host.
/// </param>
public sealed record AmcTarget(
    string UserId, string AmcInstanceId, string AdvertiserId, string MarketplaceId, string Region);
