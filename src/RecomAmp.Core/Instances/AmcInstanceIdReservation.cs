namespace RecomAmp.Core.Instances;

/// <summary>
/// Claims an AMC instance id for one of a user's instances. It lives in the instance's partition under an id
/// derived from the AMC id, so creating it succeeds for exactly one instance: that is what makes the AMC id
/// unique per user without a check-then-insert race.
/// </summary>
internal sealed record AmcInstanceIdReservation(
    string Id,
    string UserId,
    string AmcInstanceId,
    string InstanceId,
    DateTimeOffset CreatedAt)
{
    public const string DocumentType = "amc_instance_id_reservation";

    public string Type { get; init; } = DocumentType;

    /// <summary>The document id of the reservation of <paramref name="amcInstanceId"/>.</summary>
    /// <remarks>AMC ids are lowercase letters and digits and our instance ids are UUIDs, so the two never
    /// collide.</remarks>
    public static string DocumentIdFor(string amcInstanceId) => "amc_instance_id." + amcInstanceId;
}
