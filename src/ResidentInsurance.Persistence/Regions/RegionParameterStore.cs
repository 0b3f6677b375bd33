using Microsoft.EntityFrameworkCore;

namespace ResidentInsurance.Persistence.Regions;

/// <summary>
/// A region's parameter document as edited on the platform (a clone, or an administrator's change), which
/// takes precedence over the shipped <c>workflows/regions/&lt;code&gt;.json</c>. Published versions pin the text
/// by hash, so a change here reaches only versions published afterwards.
/// </summary>
public sealed record StoredRegionParameters(string Region, string Json, string? SourceRegion, string UpdatedBy, DateTimeOffset UpdatedAt);

public interface IRegionParameterStore
{
    Task<StoredRegionParameters?> FindAsync(string region, CancellationToken ct = default);

    Task<IReadOnlyList<StoredRegionParameters>> ListAsync(CancellationToken ct = default);

    Task SaveAsync(StoredRegionParameters parameters, CancellationToken ct = default);

    Task DeleteAsync(string region, CancellationToken ct = default);
}

internal sealed class RegionParametersRow
{
    public string Region { get; set; } = "";
    public string Json { get; set; } = "";
    public string? SourceRegion { get; set; }
    public string UpdatedBy { get; set; } = "";
    public long UpdatedAt { get; set; }
}

internal sealed class EfRegionParameterStore(WorkflowDbContextFactory factory) : IRegionParameterStore
{
    public async Task<StoredRegionParameters?> FindAsync(string region, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(ct);
        var row = await db.RegionParameters.AsNoTracking().FirstOrDefaultAsync(r => r.Region == region, ct);
        return row is null ? null : ToRecord(row);
    }

    public async Task<IReadOnlyList<StoredRegionParameters>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(ct);
        return (await db.RegionParameters.AsNoTracking().OrderBy(r => r.Region).ToListAsync(ct)).Select(ToRecord).ToList();
    }

    public async Task SaveAsync(StoredRegionParameters p, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(ct);
        var row = await db.RegionParameters.FirstOrDefaultAsync(r => r.Region == p.Region, ct);
        if (row is null)
        {
            db.RegionParameters.Add(row = new RegionParametersRow { Region = p.Region });
        }

        row.Json = p.Json;
        row.SourceRegion = p.SourceRegion;
        row.UpdatedBy = p.UpdatedBy;
        row.UpdatedAt = p.UpdatedAt.UtcTicks;
        await db.SaveChangesAsync(ct);
    }

    public async Task DeleteAsync(string region, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(ct);
        await db.RegionParameters.Where(r => r.Region == region).ExecuteDeleteAsync(ct);
    }

    private static StoredRegionParameters ToRecord(RegionParametersRow r) =>
        new(r.Region, r.Json, r.SourceRegion, r.UpdatedBy, new DateTimeOffset(r.UpdatedAt, TimeSpan.Zero));
}
