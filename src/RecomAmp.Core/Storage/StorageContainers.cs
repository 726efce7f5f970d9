namespace RecomAmp.Core.Storage;

/// <summary>
/// Every container the product stores documents in, with the JSON path of its partition key. User-owned
/// records are partitioned by the owner's id so that each user's reads and queries stay in one partition.
/// </summary>
public static class StorageContainers
{
    public const string Users = "users";
    public const string LoginStates = "login_states";
    public const string RevokedTokens = "revoked_tokens";
    public const string Instances = "instances";
    public const string Workflows = "workflows";
    public const string Executions = "executions";
    public const string Schedules = "schedules";
    public const string ScheduleRuns = "schedule_runs";

    /// <summary>Container name to partition key path, for adapters that create containers.</summary>
    public static IReadOnlyDictionary<string, string> PartitionKeyPaths { get; } =
        new Dictionary<string, string>
        {
            [Users] = "/id",
            [LoginStates] = "/id",
            [RevokedTokens] = "/id",
            [Instances] = "/user_id",
            [Workflows] = "/user_id",
            [Executions] = "/user_id",
            [Schedules] = "/user_id",
            [ScheduleRuns] = "/user_id",
        };

    /// <summary>
    /// Container name to the fields (<see cref="DocumentQuery"/> paths) that cross-partition queries filter
    /// on with equality or a range and order by, with documents of equal value in id order. Each adapter
    /// turns every entry into an index of its own kind, so such a query reads only the matching documents
    /// rather than the whole container. Containers and fields not listed get no index beyond the adapter's
    /// default.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> IndexedFields { get; } =
        new Dictionary<string, IReadOnlyList<string>>
        {
            // The timer trigger's due schedules, and claims left behind by a host that stopped mid-way.
            [Schedules] = ["next_run_at", "pending_claim.claimed_at"],

            // Runs whose execution is still under way, to record their outcome.
            [ScheduleRuns] = ["status"],
        };
}
