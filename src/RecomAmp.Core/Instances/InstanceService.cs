using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using RecomAmp.Core.Amc;
using RecomAmp.Core.Common;
using RecomAmp.Core.Storage;
using RecomAmp.Core.Workflows;

namespace RecomAmp.Core.Instances;

/// <summary>
/// A user's AMC instances: list, read, add, change and delete, the AMC target calls to AMC use, and the
/// outcome of connection tests. AMC's instance id is unique per user; deleting an instance deletes its
/// workflows. Another user's instance is reported as not found.
/// </summary>
public sealed partial class InstanceService(
    IDocumentStore store,
    InstanceLookup lookup,
    WorkflowService workflows,
    TimeProvider timeProvider,
    ILogger<InstanceService> logger)
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 2000;
    public const int MaxAccountIdLength = 200;
    public const int MaxAccountNameLength = 200;
    public const int MaxAmcAccountIdLength = 64;

    private const string Container = StorageContainers.Instances;
    private const int MaxWriteAttempts = 5;
    private const string AmcInstanceIdRule =
        "Must be AMC's instance id: 3 to 64 lowercase letters and digits, starting with a letter";
    private const string AmcAccountIdRule =
        "Must be the AMC account (advertiser) id, e.g. ENTITY1ABC2DEF: 1 to 64 letters and digits";
    private const string MarketplaceIdRule =
        "Must be an Amazon marketplace id, e.g. ATVPDKIKX0DER: 8 to 20 capital letters and digits";

    /// <summary>
    /// A reservation this old whose instance does not exist was left by a create that failed half-way;
    /// younger ones may belong to a create that is still running.
    /// </summary>
    private static readonly TimeSpan AbandonedReservationAge = TimeSpan.FromMinutes(1);

    /// <summary>The user's instances, newest first.</summary>
    /// <param name="userId">The owner.</param>
    /// <param name="activeOnly">Leave out instances that are not <see cref="AmcInstance.IsActive"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<IReadOnlyList<AmcInstance>> ListAsync(
        string userId, bool activeOnly, CancellationToken cancellationToken)
    {
        var query = DocumentQuery.All
            .Where(QueryCondition.Equal("type", AmcInstance.DocumentType))
            .OrderedBy("created_at", descending: true);
        if (activeOnly)
        {
            query = query.Where(QueryCondition.Equal("is_active", true));
        }

        var instances = new List<AmcInstance>();
        string? continuation = null;
        do
        {
            var page = await store.QueryAsync<AmcInstance>(
                Container, query, new QueryRequest(userId, MaxItems: 1000, continuation), cancellationToken);
            instances.AddRange(page.Items.Select(item => item.Document));
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);

        return instances;
    }

    /// <summary>One of the user's instances.</summary>
    /// <exception cref="ResourceNotFoundException">No such instance for this user.</exception>
    public async Task<AmcInstance> GetAsync(
        string userId, string instanceId, CancellationToken cancellationToken)
    {
        var stored = await lookup.FindAsync(userId, instanceId, cancellationToken);
        return stored?.Document ?? throw NotFound();
    }

    /// <summary>
    /// Adds an instance; its health is <see cref="InstanceHealthStatus.Unknown"/> until tested.
    /// </summary>
    /// <exception cref="RequestValidationException">A field is missing or invalid.</exception>
    /// <exception cref="ResourceConflictException">The user has an instance with that AMC id.</exception>
    public async Task<AmcInstance> CreateAsync(
        string userId, CreateInstanceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(request.AmcInstanceId))
        {
            errors.Add("instance_id", "This field is required");
        }
        else if (!AmcInstanceIdPattern().IsMatch(request.AmcInstanceId))
        {
            errors.Add("instance_id", AmcInstanceIdRule);
        }

        errors.Required("name", request.Name, MaxNameLength);
        CheckOptionalFields(errors, request.Description, request.Region, request.AccountId);
        CheckAmcFields(errors, request.AmcAccountId, request.AmcAccounts, request.MarketplaceId);
        errors.ThrowIfAny();

        var now = timeProvider.GetUtcNow();
        var instance = new AmcInstance(
            Id: Guid.NewGuid().ToString(),
            UserId: userId,
            AmcInstanceId: request.AmcInstanceId!,
            Name: request.Name!.Trim(),
            Description: BlankToNull(request.Description),
            Region: request.Region ?? AmcRegions.Default,
            AccountId: BlankToNull(request.AccountId),
            IsActive: request.IsActive ?? true,
            HealthStatus: InstanceHealthStatus.Unknown,
            AmcAccount: NewAccount(null, request.AmcAccountId, request.AmcAccounts),
            CreatedAt: now,
            UpdatedAt: now,
            MarketplaceId: request.MarketplaceId ?? AmcMarketplaces.Default);

        await ReserveAmcInstanceIdAsync(instance, cancellationToken);
        StoredDocument<AmcInstance> stored;
        try
        {
            stored = await store.CreateAsync(Container, userId, instance.Id, instance, cancellationToken);
        }
        catch (Exception)
        {
            await ReleaseAfterFailedCreateAsync(instance);
            throw;
        }

        InstancesLog.InstanceCreated(logger, instance.Id, instance.AmcInstanceId, userId);
        return stored.Document;
    }

    /// <summary>Changes the fields the request gives; the others keep their values.</summary>
    /// <exception cref="RequestValidationException">A given field is invalid.</exception>
    /// <exception cref="ResourceNotFoundException">No such instance for this user.</exception>
    /// <exception cref="ResourceConflictException">The instance kept changing meanwhile.</exception>
    public async Task<AmcInstance> UpdateAsync(
        string userId, string instanceId, UpdateInstanceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        var errors = new ValidationErrors();
        if (request.Name is not null)
        {
            errors.Required("name", request.Name, MaxNameLength);
        }

        CheckOptionalFields(errors, request.Description, request.Region, request.AccountId);
        CheckAmcFields(errors, request.AmcAccountId, request.AmcAccounts, request.MarketplaceId);
        errors.ThrowIfAny();

        for (var attempt = 1; attempt <= MaxWriteAttempts; attempt++)
        {
            var current = await lookup.FindAsync(userId, instanceId, cancellationToken) ?? throw NotFound();
            var changed = Apply(current.Document, request);
            if (changed == current.Document)
            {
                return current.Document;
            }

            changed = changed with { UpdatedAt = timeProvider.GetUtcNow() };
            try
            {
                var stored = await store.ReplaceAsync(
                    Container, userId, instanceId, changed, current.ETag, cancellationToken);
                return stored.Document;
            }
            catch (DocumentPreconditionFailedException)
            {
                InstancesLog.UpdateRetried(logger, instanceId, attempt);
            }
            catch (DocumentNotFoundException)
            {
                throw NotFound();
            }
        }

        throw new ResourceConflictException("The instance changed while it was being updated; try again");
    }

    /// <summary>
    /// Where calls to AMC for one of the user's instances go: AMC's instance id, the AMC account
    /// (advertiser) id, the marketplace and the region.
    /// </summary>
    /// <exception cref="ResourceNotFoundException">No such instance for this user.</exception>
    /// <exception cref="RuleViolationException">
    /// 422: the instance has no AMC account id (<c>amc_account_id</c>), which every AMC call needs.
    /// </exception>
    public async Task<AmcTarget> GetAmcTargetAsync(
        string userId, string instanceId, CancellationToken cancellationToken)
    {
        var instance = await GetAsync(userId, instanceId, cancellationToken);
        if (instance.AmcAccount?.AccountId is not { } accountId || !AmcAccountIdPattern().IsMatch(accountId))
        {
            throw new RuleViolationException(
                "The instance has no AMC account id; set amc_account_id before calling AMC",
                new Dictionary<string, string[]>
                {
                    ["amc_account_id"] =
                    [
                        "Set the AMC account (advertiser) id of this instance, e.g. ENTITY1ABC2DEF, "
                        + "to call AMC",
                    ],
                });
        }

        return new AmcTarget(
            userId, instance.AmcInstanceId, accountId, instance.MarketplaceId, instance.Region);
    }

    /// <summary>
    /// Records the outcome of a connection test: <see cref="InstanceHealthStatus.Healthy"/> or
    /// <see cref="InstanceHealthStatus.Unhealthy"/>, and when it ran.
    /// </summary>
    /// <exception cref="ResourceNotFoundException">The instance is gone.</exception>
    /// <exception cref="ResourceConflictException">The instance kept changing meanwhile.</exception>
    public async Task<AmcInstance> RecordConnectionTestAsync(
        string userId, string instanceId, bool healthy, DateTimeOffset testedAt,
        CancellationToken cancellationToken)
    {
        var status = healthy ? InstanceHealthStatus.Healthy : InstanceHealthStatus.Unhealthy;
        for (var attempt = 1; attempt <= MaxWriteAttempts; attempt++)
        {
            var current = await lookup.FindAsync(userId, instanceId, cancellationToken) ?? throw NotFound();

            // The health describes the instance as it is, not as it is edited; the edit time stays.
            var changed = current.Document with { HealthStatus = status, LastTestedAt = testedAt };
            try
            {
                var stored = await store.ReplaceAsync(
                    Container, userId, instanceId, changed, current.ETag, cancellationToken);
                return stored.Document;
            }
            catch (DocumentPreconditionFailedException)
            {
                InstancesLog.UpdateRetried(logger, instanceId, attempt);
            }
            catch (DocumentNotFoundException)
            {
                throw NotFound();
            }
        }

        throw new ResourceConflictException(
            "The instance changed while its health was being saved; try again");
    }

    /// <summary>Deletes the instance and every workflow that uses it.</summary>
    /// <exception cref="ResourceNotFoundException">No such instance for this user.</exception>
    public async Task DeleteAsync(string userId, string instanceId, CancellationToken cancellationToken)
    {
        var stored = await lookup.FindAsync(userId, instanceId, cancellationToken) ?? throw NotFound();

        // Workflows go first so that a failure part-way leaves the instance in place to delete again. The
        // sweep after the instance is gone catches workflows created meanwhile; a create that lands later
        // sees the instance missing and removes its own workflow.
        var deleted = await workflows.DeleteForInstanceAsync(userId, instanceId, cancellationToken);
        try
        {
            await store.DeleteAsync(Container, userId, instanceId, ifMatch: null, cancellationToken);
        }
        catch (DocumentNotFoundException)
        {
            // A concurrent delete got there first; what remains to do is the same.
        }

        await ReleaseAmcInstanceIdAsync(userId, stored.Document.AmcInstanceId, instanceId, cancellationToken);
        deleted += await workflows.DeleteForInstanceAsync(userId, instanceId, cancellationToken);
        InstancesLog.InstanceDeleted(logger, instanceId, userId, deleted);
    }

    private async Task ReserveAmcInstanceIdAsync(AmcInstance instance, CancellationToken cancellationToken)
    {
        var reservationId = AmcInstanceIdReservation.DocumentIdFor(instance.AmcInstanceId);
        var reservation = new AmcInstanceIdReservation(
            reservationId, instance.UserId, instance.AmcInstanceId, instance.Id, instance.CreatedAt);
        for (var attempt = 1; attempt <= MaxWriteAttempts; attempt++)
        {
            try
            {
                await store.CreateAsync(
                    Container, instance.UserId, reservationId, reservation, cancellationToken);
                return;
            }
            catch (DocumentConflictException)
            {
                // Taken: by a live instance (a duplicate), or by a create that failed before writing its
                // instance.
            }

            var existing = await store.ReadAsync<AmcInstanceIdReservation>(
                Container, instance.UserId, reservationId, cancellationToken);
            if (existing is null)
            {
                continue;
            }

            if (!await IsAbandonedAsync(existing.Document, cancellationToken))
            {
                throw Duplicate();
            }

            await DeleteReservationAsync(instance.UserId, reservationId, existing.ETag, cancellationToken);
            InstancesLog.AbandonedReservationRemoved(logger, instance.AmcInstanceId, instance.UserId);
        }

        throw Duplicate();
    }

    private async Task<bool> IsAbandonedAsync(
        AmcInstanceIdReservation reservation, CancellationToken cancellationToken)
    {
        if (timeProvider.GetUtcNow() - reservation.CreatedAt < AbandonedReservationAge)
        {
            return false;
        }

        return !await lookup.ExistsAsync(reservation.UserId, reservation.InstanceId, cancellationToken);
    }

    private async Task ReleaseAmcInstanceIdAsync(
        string userId, string amcInstanceId, string instanceId, CancellationToken cancellationToken)
    {
        var reservationId = AmcInstanceIdReservation.DocumentIdFor(amcInstanceId);
        var existing = await store.ReadAsync<AmcInstanceIdReservation>(
            Container, userId, reservationId, cancellationToken);

        // Only the reservation this instance holds is released; once the instance is gone, a new instance
        // with the same AMC id may already have claimed it afresh.
        if (existing is not null && existing.Document.InstanceId == instanceId)
        {
            await DeleteReservationAsync(userId, reservationId, existing.ETag, cancellationToken);
        }
    }

    private async Task ReleaseAfterFailedCreateAsync(AmcInstance instance)
    {
        try
        {
            await ReleaseAmcInstanceIdAsync(
                instance.UserId, instance.AmcInstanceId, instance.Id, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The create's own failure is what the caller needs to see; a reservation left behind here is
            // recognised as abandoned by the next create with the same AMC id.
            InstancesLog.ReservationReleaseFailed(logger, ex, instance.AmcInstanceId, instance.UserId);
        }
    }

    private async Task DeleteReservationAsync(
        string userId, string reservationId, string etag, CancellationToken cancellationToken)
    {
        try
        {
            await store.DeleteAsync(Container, userId, reservationId, etag, cancellationToken);
        }
        catch (Exception ex) when (ex is DocumentNotFoundException or DocumentPreconditionFailedException)
        {
            // Someone else released or re-claimed it meanwhile; the caller's next step reads it afresh.
        }
    }

    private static void CheckOptionalFields(
        ValidationErrors errors, string? description, string? region, string? accountId)
    {
        errors.MaxLength("description", description, MaxDescriptionLength);
        if (region is not null && !AmcRegions.IsKnown(region))
        {
            errors.Add("region", "Must be one of " + string.Join(", ", AmcRegions.All));
        }

        errors.MaxLength("account_id", accountId, MaxAccountIdLength);
    }

    /// <summary>
    /// Checks the AMC account id, given as <c>amc_account_id</c>, as <c>amc_accounts.account_id</c>, or as
    /// both when they agree, and the marketplace. An empty <c>amc_account_id</c> means none (or clears it).
    /// </summary>
    private static void CheckAmcFields(
        ValidationErrors errors, string? amcAccountId, AmcAccountInput? account, string? marketplaceId)
    {
        var givenId = EmptyToNull(amcAccountId);
        if (givenId is not null && !AmcAccountIdPattern().IsMatch(givenId))
        {
            errors.Add("amc_account_id", AmcAccountIdRule);
        }

        if (account is not null)
        {
            if (string.IsNullOrWhiteSpace(account.AccountId))
            {
                if (givenId is null)
                {
                    errors.Add("amc_accounts.account_id", "This field is required");
                }
            }
            else if (!AmcAccountIdPattern().IsMatch(account.AccountId.Trim()))
            {
                errors.Add("amc_accounts.account_id", AmcAccountIdRule);
            }
            else if (givenId is not null && givenId != account.AccountId.Trim())
            {
                errors.Add(
                    "amc_account_id", "Differs from amc_accounts.account_id; give the AMC account id once");
            }

            errors.MaxLength("amc_accounts.account_name", account.AccountName, MaxAccountNameLength);
        }

        if (marketplaceId is not null && !MarketplaceIdPattern().IsMatch(marketplaceId))
        {
            errors.Add("marketplace_id", MarketplaceIdRule);
        }
    }

    private static AmcInstance Apply(AmcInstance instance, UpdateInstanceRequest request)
    {
        var changed = instance with
        {
            Name = request.Name?.Trim() ?? instance.Name,
            Description = request.Description is null
                ? instance.Description
                : BlankToNull(request.Description),
            Region = request.Region ?? instance.Region,
            AccountId = request.AccountId is null ? instance.AccountId : BlankToNull(request.AccountId),
            IsActive = request.IsActive ?? instance.IsActive,
            AmcAccount = NewAccount(instance.AmcAccount, request.AmcAccountId, request.AmcAccounts),
            MarketplaceId = request.MarketplaceId ?? instance.MarketplaceId,
        };

        // A test of another account, marketplace or region says nothing about this one.
        var sameTarget = changed.AmcAccount?.AccountId == instance.AmcAccount?.AccountId
            && changed.MarketplaceId == instance.MarketplaceId
            && changed.Region == instance.Region;
        return sameTarget
            ? changed
            : changed with { HealthStatus = InstanceHealthStatus.Unknown, LastTestedAt = null };
    }

    /// <summary>The AMC account after a request: <paramref name="account"/> if given, else the id.</summary>
    private static AmcAccountSummary? NewAccount(
        AmcAccountSummary? previous, string? amcAccountId, AmcAccountInput? account)
    {
        if (account is not null)
        {
            var id = EmptyToNull(amcAccountId) ?? account.AccountId!.Trim();
            return new AmcAccountSummary(id, BlankToNull(account.AccountName));
        }

        return amcAccountId switch
        {
            null => previous,
            "" => null,
            _ => new AmcAccountSummary(
                amcAccountId, previous?.AccountId == amcAccountId ? previous.AccountName : null),
        };
    }

    private static string? EmptyToNull(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string? BlankToNull(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static ResourceNotFoundException NotFound() => new("Instance");

    private static ResourceConflictException Duplicate() => new(
        "An instance with this AMC instance id already exists",
        new Dictionary<string, string[]>
        {
            ["instance_id"] = ["You already have an instance with this AMC instance id"],
        });

    [GeneratedRegex(@"^[a-z][a-z0-9]{2,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex AmcInstanceIdPattern();

    [GeneratedRegex(@"^[A-Za-z0-9]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex AmcAccountIdPattern();

    [GeneratedRegex(@"^[A-Z0-9]{8,20}\z", RegexOptions.CultureInvariant)]
    private static partial Regex MarketplaceIdPattern();
}
