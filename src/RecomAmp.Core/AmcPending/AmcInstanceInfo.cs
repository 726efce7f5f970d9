namespace RecomAmp.Core.Amc;

// Temporary copy of the shared AMC client contract, kept only until the AMC client lands on main.

public sealed record AmcInstanceInfo(
    string InstanceId, string? InstanceName, string? CreationStatus, DateTimeOffset? DataFreshness);
