namespace RecomAmp.Api.Tests.Executions;

/// <summary>Who runs the corpus, on which instance, and values from the Sandbox's data for list parameters.</summary>
public sealed record CorpusContext(
    string Token, string InstanceId, IReadOnlyList<string> CampaignIds, IReadOnlyList<string> Asins);
