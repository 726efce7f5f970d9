namespace RecomAmp.Api.Tests.Executions;

/// <summary>Who runs the corpus, on which instance, and Sandbox data values for its list parameters.</summary>
public sealed record CorpusContext(
    string Token, string InstanceId, IReadOnlyList<string> CampaignIds, IReadOnlyList<string> Asins);
