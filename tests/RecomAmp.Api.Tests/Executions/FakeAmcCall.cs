namespace RecomAmp.Api.Tests.Executions;

/// <summary>One call the fake AMC received.</summary>
public sealed record FakeAmcCall(string Operation, string Method, string Path, string Authorization);
