using RecomAmp.Core.Common;
using RecomAmp.Core.Instances;

namespace RecomAmp.Core.Amc;

// Temporary: stands in for InstanceService.GetAmcTargetAsync until it lands on main; once the instance method
// exists it wins over this extension, which is then deleted.

public static class PendingInstanceAmcTargets
{
    public static async Task<AmcTarget> GetAmcTargetAsync(
        this InstanceService instances, string userId, string instanceId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instances);
        var instance = await instances.GetAsync(userId, instanceId, ct);
        var accountId = instance.AmcAccount?.AccountId ?? instance.AccountId;
        if (string.IsNullOrWhiteSpace(accountId))
        {
            throw new RuleViolationException("The instance has no AMC account id");
        }

        return new AmcTarget(userId, instance.AmcInstanceId, accountId, "ATVPDKIKX0DER", instance.Region);
    }
}
