namespace RecomAmp.Core.Storage;

/// <summary>
/// Every container the product stores documents in, with the JSON path of its partition key. User-owned records
/// are partitioned by the owner's id so that each user's reads and queries stay in one partition.
/// </summary>
public static class StorageContainers
{
    public const string Users = "users";
    public const string LoginStates = "login_states";
    public const string RevokedTokens = "revoked_tokens";
    public const string Instances = "instances";
    public const string Workflows = "workflows";
    public const string Executions = "executions";

    /// <summary>Container name to partition key path, for adapters that create containers.</summary>
    public static IReadOnlyDictionary<string, string> PartitionKeyPaths { get; } = new Dictionary<string, string>
    {
        [Users] = "/id",
        [LoginStates] = "/id",
        [RevokedTokens] = "/id",
        [Instances] = "/user_id",
        [Workflows] = "/user_id",
        [Executions] = "/user_id",
    };
}
