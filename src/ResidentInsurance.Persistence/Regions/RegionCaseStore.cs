using Microsoft.EntityFrameworkCore;

namespace ResidentInsurance.Persistence.Regions;

/// <summary>
/// A region's policy case file as kept on the platform: copied by a clone from its source region, added or
/// corrected by the region's administrator. It takes precedence over a shipped file of the same name
/// (<c>workflows/&lt;region&gt;/cases/&lt;name&gt;</c>); <see cref="Json"/> null withdraws the shipped file for this region.
/// </summary>
public sealed record StoredRegionCase(string Region, string Name, string? Json, string? SourceRegion, string UpdatedBy, DateTimeOffset UpdatedAt);

public interface IRegionCaseStore
{
    Task<IReadOnlyList<StoredRegionCase>> ListAsync(string region, CancellationToken ct = default);

    Task SaveAsync(StoredRegionCase stored, CancellationToken ct = default);

    /// <summary>Saves several in one transaction (a clone copies all of its source's cases or none).</summary>
    Task SaveAllAsync(IReadOnlyList<StoredRegionCase> cases, CancellationToken ct = default);

    Task DeleteAsync(string region, string name, CancellationToken ct = default);
}

internal sealed class RegionCaseRow
{
    public string Region { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Json { get; set; }
    public string? SourceRegion { get; set; }
    public string UpdatedBy { get; set; } = "";
    public long UpdatedAt { get; set; }
}

internal sealed class EfRegionCaseStore(WorkflowDbContextFactory factory) : IRegionCaseStore
{
    public async Task<IReadOnlyList<StoredRegionCase>> ListAsync(string region, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(ct);
        return (await db.RegionCases.AsNoTracking().Where(r => r.Region == region).OrderBy(r => r.Name).ToListAsync(ct))
            .Select(r => new StoredRegionCase(r.Region, r.Name, r.Json, r.SourceRegion, r.UpdatedBy, new DateTimeOffset(r.UpdatedAt, TimeSpan.Zero)))
            .ToList();
    }

    public Task SaveAsync(StoredRegionCase stored, CancellationToken ct = default) => SaveAllAsync([stored], ct);

    public async Task SaveAllAsync(IReadOnlyList<StoredRegionCase> cases, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(ct);
        foreach (var c in cases)
        {
            var row = await db.RegionCases.FirstOrDefaultAsync(r => r.Region == c.Region && r.Name == c.Name, ct);
            if (row is null)
            {
                db.RegionCases.Add(row = new RegionCaseRow { Region = c.Region, Name = c.Name });
            }

            row.Json = c.Json;
            row.SourceRegion = c.SourceRegion;
            row.UpdatedBy = c.UpdatedBy;
            row.UpdatedAt = c.UpdatedAt.UtcTicks;
        }

        await db.SaveChangesAsync(ct);
    }

    public async Task DeleteAsync(string region, string name, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(ct);
        await db.RegionCases.Where(r => r.Region == region && r.Name == name).ExecuteDeleteAsync(ct);
    }
}
