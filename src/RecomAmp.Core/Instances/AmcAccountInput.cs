namespace RecomAmp.Core.Instances;

/// <summary>The <c>amc_accounts</c> object of an instance request.</summary>
public sealed record AmcAccountInput(string? AccountId = null, string? AccountName = null);
