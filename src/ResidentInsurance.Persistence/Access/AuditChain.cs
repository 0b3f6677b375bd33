using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace ResidentInsurance.Persistence.Access;

/// <summary>
/// The audit chain's hash: SHA-256 over the previous entry's hash and this entry's fields, each length-prefixed
/// so no two different entries write the same bytes. The first entry's previous hash is <see cref="Genesis"/>.
/// </summary>
internal static class AuditChain
{
    public const string Genesis = "genesis";

    public static string HashOf(string previousHash, long atTicks, string actor, string? region, string action, string target, string outcome, string? detail)
    {
        var text = new StringBuilder();
        foreach (var part in new[] { previousHash, atTicks.ToString(CultureInfo.InvariantCulture), actor, region ?? "\0", action, target, outcome, detail ?? "\0" })
        {
            text.Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part).Append('|');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    internal static string HashOf(AuditRow r) => HashOf(r.PreviousHash, r.At, r.Actor, r.Region, r.Action, r.Target, r.Outcome, r.Detail);

    /// <summary>The row that appends <paramref name="entry"/> after the entry whose hash is <paramref name="previousHash"/>.</summary>
    internal static AuditRow Link(AuditEntry entry, string previousHash)
    {
        var row = new AuditRow
        {
            At = entry.At.UtcTicks, Actor = entry.Actor, Region = entry.Region, Action = entry.Action,
            Target = entry.Target, Outcome = entry.Outcome, Detail = entry.Detail, PreviousHash = previousHash,
        };
        row.Hash = HashOf(row);
        return row;
    }

    /// <summary>Entries written before the chain existed (marked by the AuditChain migration) are chained in their order, once.</summary>
    internal static async Task ChainEarlierEntriesAsync(WorkflowDbContext db, CancellationToken ct)
    {
        var earlier = await db.Audit.Where(a => a.PreviousHash.StartsWith("unchained-")).OrderBy(a => a.Sequence).ToListAsync(ct);
        if (earlier.Count == 0)
        {
            return;
        }

        var previous = Genesis;
        foreach (var row in earlier)
        {
            row.PreviousHash = previous;
            row.Hash = HashOf(row);
            previous = row.Hash;
        }

        await db.SaveChangesAsync(ct);
    }
}
