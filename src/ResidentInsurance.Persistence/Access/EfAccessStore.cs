using Microsoft.EntityFrameworkCore;
using ResidentInsurance.Persistence.Sqlite;

namespace ResidentInsurance.Persistence.Access;

internal sealed class EfAccessStore(WorkflowDbContextFactory factory, SqliteHotPathHolder sqlite) : IAccessStore
{
    public async Task<StaffAccount?> FindAccountAsync(string userName, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(ct);
        var row = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.UserName == userName, ct);
        return row is null ? null : ToRecord(row);
    }

    public async Task<StaffAccount?> FindAccountByApiKeyHashAsync(string apiKeyHash, CancellationToken ct = default)
    {
        if (await sqlite.GetAsync(ct) is { } hot)
        {
            return AccessStatements.AccountByApiKeyHash(hot.Readers, apiKeyHash) is { } found ? ToRecord(found) : null;
        }

        await using var db = await factory.OpenAsync(ct);
        var row = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.ApiKeyHash == apiKeyHash, ct);
        return row is null ? null : ToRecord(row);
    }

    public async Task<int> CountAccountsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(ct);
        return await db.Accounts.CountAsync(ct);
    }

    public async Task<int> AddAccountsAsync(IEnumerable<StaffAccount> accounts, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(ct);
        var existing = (await db.Accounts.Select(a => a.UserName).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var added = 0;
        foreach (var a in accounts.Where(a => existing.Add(a.UserName)))
        {
            db.Accounts.Add(new AccountRow
            {
                UserName = a.UserName, DisplayName = a.DisplayName, Region = a.Region, Department = a.Department,
                Role = a.Role, PasswordHash = a.PasswordHash, ApiKeyHash = a.ApiKeyHash, Town = a.Town,
            });
            added++;
        }

        await db.SaveChangesAsync(ct);
        return added;
    }

    public async Task AppendAuditAsync(AuditEntry entry, CancellationToken ct = default)
    {
        if (await sqlite.GetAsync(ct) is { } hot)
        {
            await hot.Writer.WriteAsync(db => AuditStatements.Append(db, entry, onlyOnce: false), ct);
            return;
        }

        // The unique index on PreviousHash lets one writer extend a given tail; a concurrent writer retries on the new tail.
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.OpenAsync(ct);
            var tail = await db.Audit.AsNoTracking().OrderByDescending(a => a.Sequence).Select(a => a.Hash).FirstOrDefaultAsync(ct) ?? AuditChain.Genesis;
            db.Audit.Add(AuditChain.Link(entry, tail));
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException) when (attempt < 20)
            {
                await Task.Delay(attempt * 5, ct);
            }
        }
    }

    public async Task<bool> AppendAuditOnceAsync(AuditEntry entry, CancellationToken ct = default)
    {
        if (await sqlite.GetAsync(ct) is { } hot)
        {
            return await hot.Writer.WriteAsync(db => AuditStatements.Append(db, entry, onlyOnce: true), ct);
        }

        await using (var db = await factory.OpenAsync(ct))
        {
            if (await db.Audit.AsNoTracking().AnyAsync(a => a.Action == entry.Action && a.Target == entry.Target, ct))
            {
                return false;
            }
        }

        await AppendAuditAsync(entry, ct);
        return true;
    }

    public async Task<AuditVerification> VerifyAuditAsync(CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(ct);
        var previous = AuditChain.Genesis;
        long count = 0;
        long? lastSequence = null;
        await foreach (var row in db.Audit.AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            if (row.PreviousHash != previous)
            {
                return new AuditVerification(false, count, row.Sequence, lastSequence is null
                    ? $"entry {row.Sequence} should start the chain but follows another entry: an earlier entry was deleted"
                    : $"entry {row.Sequence} does not follow entry {lastSequence}: an entry between them was deleted or edited");
            }

            if (AuditChain.HashOf(row) != row.Hash)
            {
                return new AuditVerification(false, count, row.Sequence, $"entry {row.Sequence} was edited: its content no longer matches its hash");
            }

            previous = row.Hash;
            lastSequence = row.Sequence;
        }

        return new AuditVerification(true, count, null, null);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAuditAsync(int max, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(ct);
        var rows = await db.Audit.AsNoTracking().OrderByDescending(a => a.Sequence).Take(max).ToListAsync(ct);
        return rows.Select(r => new AuditEntry(r.Sequence, new DateTimeOffset(r.At, TimeSpan.Zero), r.Actor, r.Region, r.Action, r.Target, r.Outcome, r.Detail) { PreviousHash = r.PreviousHash, Hash = r.Hash }).ToList();
    }

    public async Task<TaskClaim> ClaimAsync(string taskId, string userName, DateTimeOffset at, CancellationToken ct = default)
    {
        if (await sqlite.GetAsync(ct) is { } hot)
        {
            return ToRecord(await hot.Writer.WriteAsync(db => AccessStatements.Claim(db, taskId, userName, at.UtcTicks), ct));
        }

        await using (var db = await factory.OpenAsync(ct))
        {
            var held = await db.TaskClaims.AsNoTracking().FirstOrDefaultAsync(c => c.TaskId == taskId, ct);
            if (held is not null)
            {
                return ToRecord(held);
            }

            db.TaskClaims.Add(new TaskClaimRow { TaskId = taskId, ClaimedBy = userName, ClaimedAt = at.UtcTicks });
            try
            {
                await db.SaveChangesAsync(ct);
                return new TaskClaim(taskId, userName, at);
            }
            catch (DbUpdateException)
            {
                // Another clerk claimed it between our read and our insert: the primary key decides.
            }
        }

        await using var again = await factory.OpenAsync(ct);
        return ToRecord(await again.TaskClaims.AsNoTracking().FirstAsync(c => c.TaskId == taskId, ct));
    }

    public async Task<bool> ReleaseAsync(string taskId, string userName, CancellationToken ct = default)
    {
        if (await sqlite.GetAsync(ct) is { } hot)
        {
            return await hot.Writer.WriteAsync(db => AccessStatements.Release(db, taskId, userName), ct);
        }

        await using var db = await factory.OpenAsync(ct);
        return await db.TaskClaims.Where(c => c.TaskId == taskId && c.ClaimedBy == userName).ExecuteDeleteAsync(ct) > 0;
    }

    public async Task<IReadOnlyDictionary<string, TaskClaim>> FindClaimsAsync(IEnumerable<string> taskIds, CancellationToken ct = default)
    {
        var ids = taskIds.ToList();
        if (await sqlite.GetAsync(ct) is { } hot)
        {
            return AccessStatements.Claims(hot.Readers, ids).ToDictionary(r => r.TaskId, ToRecord, StringComparer.Ordinal);
        }

        await using var db = await factory.OpenAsync(ct);
        var rows = await db.TaskClaims.AsNoTracking().Where(c => ids.Contains(c.TaskId)).ToListAsync(ct);
        return rows.ToDictionary(r => r.TaskId, ToRecord, StringComparer.Ordinal);
    }

    private static StaffAccount ToRecord(AccountRow r) => new(r.UserName, r.DisplayName, r.Region, r.Department, r.Role, r.PasswordHash, r.ApiKeyHash, r.Town);

    private static TaskClaim ToRecord(TaskClaimRow r) => new(r.TaskId, r.ClaimedBy, new DateTimeOffset(r.ClaimedAt, TimeSpan.Zero));
}
