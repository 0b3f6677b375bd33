using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Persistence.Regions;

namespace ResidentInsurance.Host.Regions;

/// <summary>
/// Policy resources as the platform sees them: a region's parameters edited on the platform (a clone, an
/// administrator's change) win over the shipped file; a cloned region runs its source region's scripts
/// (overrides included) until it has its own.
/// </summary>
internal sealed class PlatformPolicyResources(IPolicyResources shipped, IRegionParameterStore stored) : IPolicyResources
{
    public async ValueTask<string?> GetScriptAsync(string tenantId, string name, CancellationToken ct = default)
    {
        var region = tenantId;
        for (var depth = 0; depth < 8; depth++)
        {
            var row = await stored.FindAsync(region, ct);
            if (row?.SourceRegion is not { } source)
            {
                break;
            }

            region = source;
        }

        return await shipped.GetScriptAsync(region, name, ct);
    }

    public async ValueTask<string?> GetParametersAsync(string tenantId, CancellationToken ct = default) =>
        (await stored.FindAsync(tenantId, ct))?.Json ?? await shipped.GetParametersAsync(tenantId, ct);
}
