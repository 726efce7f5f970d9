using Microsoft.Azure.Functions.Worker;

namespace RecomAmp.Api.Tests.DevHost.TestFunctions;

/// <summary>One call a test-only function recorded.</summary>
public sealed record ProbeCall(string Function, TimerInfo? Timer, string? InvocationId, DateTimeOffset At);
