namespace RecomAmp.Sandbox.Amc;

/// <summary>The error body Amazon Ads APIs answer with.</summary>
internal sealed record AmcError(string Code, string Details);
