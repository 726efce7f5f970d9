namespace RecomAmp.Core.Instances;

/// <summary>The AMC (advertiser) account an instance belongs to, as AMC names it.</summary>
/// <param name="AccountId">AMC's account id (an entity id such as <c>ENTITY1ABC</c>).</param>
/// <param name="AccountName">AMC's display name of the account.</param>
public sealed record AmcAccountSummary(string AccountId, string? AccountName);
