using ResidentInsurance.Persistence.Regions;
using ResidentInsurance.Simulation;

namespace ResidentInsurance.Host.Regions;

/// <summary>
/// A region's case files as the platform sees them: the shipped files, overlaid by the ones kept on the platform
/// (a clone's copies, an administrator's additions and corrections); a kept entry without text withdraws the
/// shipped file of that name for the region.
/// </summary>
internal sealed class PlatformCaseFiles(ICaseFileSource shipped, IRegionCaseStore stored) : ICaseFileSource
{
    public async Task<IReadOnlyList<CaseFile>> ListAsync(string region, CancellationToken ct = default)
    {
        var files = (await shipped.ListAsync(region, ct)).ToDictionary(f => f.Name, StringComparer.Ordinal);
        foreach (var kept in await stored.ListAsync(region, ct))
        {
            if (kept.Json is null)
            {
                files.Remove(kept.Name);
            }
            else
            {
                files[kept.Name] = new CaseFile(kept.Name, kept.Json, CaseFile.Platform, kept.SourceRegion);
            }
        }

        return [.. files.Values.OrderBy(f => f.Name, StringComparer.Ordinal)];
    }

    /// <summary>True when the region ships a file of this name (withdrawing it keeps a marker; the file stays on disk).</summary>
    public async Task<bool> IsShippedAsync(string region, string name, CancellationToken ct = default) =>
        (await shipped.ListAsync(region, ct)).Any(f => f.Name == name);
}
