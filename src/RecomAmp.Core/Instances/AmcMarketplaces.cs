namespace RecomAmp.Core.Instances;

/// <summary>
/// Amazon marketplace ids, as AMC's <c>Amazon-Advertising-API-MarketplaceId</c> header takes them.
/// </summary>
public static class AmcMarketplaces
{
    /// <summary>amazon.com (United States): the marketplace of an instance created without one.</summary>
    public const string UnitedStates = "ATVPDKIKX0DER";

    public const string Default = UnitedStates;
}
