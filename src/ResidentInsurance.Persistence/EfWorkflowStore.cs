using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Persistence.Rows;
using ResidentInsurance.Persistence.Sqlite;
using static ResidentInsurance.Persistence.RowMapping;

namespace ResidentInsurance.Persistence;

/// <summary>
/// The engine's stores on EF Core. <see cref="CommitAsync"/> is one transaction whose conditional
/// statements (instance revision, bookmark present, stimulus pending) turn a lost race into
/// <see cref="ConcurrencyConflictException"/>; stimulus keys are unique. On SQLite the hot path — a step's commit, a
/// kept stimulus, and the reads a step makes — is hand-written SQL instead: the writes through the one
/// group-committing <see cref="SqliteWriter"/>, the reads through <see cref="SqliteReaders"/>.
/// </summary>
internal sealed class EfWorkflowStore(WorkflowDbContextFactory factory, SqliteHotPathHolder sqlite) : IDefinitionStore, IInstanceStore
{
    private const string Pending = nameof(StimulusStatus.Pending);

    private async Task<WorkflowDbContext> OpenAsync(CancellationToken ct)
    {
        await factory.EnsureReadyAsync(ct);
        return factory.Create();
    }

    public async Task<DefinitionVersion?> FindVersionAsync(string id, CancellationToken ct = default)
    {
        if (await sqlite.GetAsync(ct) is { } hot)
        {
            return ReadStatements.Version(hot.Readers, id) is { } found ? FromRow(found) : null;
        }

        await using var db = await OpenAsync(ct);
        var row = await db.DefinitionVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct);
        return row is null ? null : FromRow(row);
    }

    public async Task<IReadOnlyList<DefinitionVersion>> ListVersionsAsync(string definitionId, CancellationToken ct = default)
    {
        if (await sqlite.GetAsync(ct) is { } hot)
        {
            return ReadStatements.Versions(hot.Readers, definitionId).Select(FromRow).ToList();
        }

        await using var db = await OpenAsync(ct);
        var rows = await db.DefinitionVersions.AsNoTracking().Where(v => v.DefinitionId == definitionId).OrderByDescending(v => v.Version).ToListAsync(ct);
        return rows.Select(FromRow).ToList();
    }

    public async Task<IReadOnlyList<DefinitionVersionHead>> ListVersionHeadsAsync(string definitionId, CancellationToken ct = default)
    {
        if (await sqlite.GetAsync(ct) is { } hot)
        {
            return ReadStatements.VersionHeads(hot.Readers, definitionId);
        }

        await using var db = await OpenAsync(ct);
        var rows = await db.DefinitionVersions.AsNoTracking().Where(v => v.DefinitionId == definitionId).OrderByDescending(v => v.Version)
            .Select(v => new { v.Id, v.DefinitionId, v.TenantId, v.Version, v.IsLatest, v.IsPublished, v.IsRetracted, v.PublishedAt }).ToListAsync(ct);
        return rows.Select(v => new DefinitionVersionHead(v.Id, v.DefinitionId, v.TenantId, v.Version, v.IsLatest, v.IsPublished, v.IsRetracted, v.PublishedAt is { } at ? Time(at) : null)).ToList();
    }

    public async Task<IReadOnlyList<DefinitionVersion>> ListAsync(string? tenantId, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(ct);
        var query = db.DefinitionVersions.AsNoTracking();
        if (tenantId is not null)
        {
            query = query.Where(v => v.TenantId == tenantId);
        }

        var rows = await query.OrderBy(v => v.DefinitionId).ThenByDescending(v => v.Version).ToListAsync(ct);
        return rows.Select(FromRow).ToList();
    }

    public async Task SaveAsync(IReadOnlyList<DefinitionVersion> versions, IReadOnlyList<ContentBlob> content, FileImport? import, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ids = versions.Select(v => v.Id).ToList();
        var existing = await db.DefinitionVersions.Where(v => ids.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
        foreach (var version in versions)
        {
            var row = ToRow(version);
            if (existing.TryGetValue(version.Id, out var current))
            {
                db.Entry(current).CurrentValues.SetValues(row);
            }
            else
            {
                db.DefinitionVersions.Add(row);
            }
        }

        var hashes = content.Select(c => c.Hash).Distinct().ToList();
        var known = await db.ContentBlobs.Where(c => hashes.Contains(c.Hash)).Select(c => c.Hash).ToListAsync(ct);
        foreach (var blob in content.Where(c => !known.Contains(c.Hash)).DistinctBy(c => c.Hash))
        {
            db.ContentBlobs.Add(new ContentBlobRow { Hash = blob.Hash, Kind = blob.Kind, Text = blob.Text });
        }

        if (import is not null)
        {
            var mark = await db.FileImports.FirstOrDefaultAsync(f => f.Path == import.Path, ct);
            var row = new FileImportRow { Path = import.Path, FileHash = import.FileHash, DefinitionId = import.DefinitionId, Version = import.Version, ImportedAt = Ticks(import.ImportedAt) };
            if (mark is null)
            {
                db.FileImports.Add(row);
            }
            else
            {
                db.Entry(mark).CurrentValues.SetValues(row);
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            throw new ConcurrencyConflictException("a definition version with that number was saved meanwhile", ex);
        }
    }

    public async Task DeleteVersionsAsync(IReadOnlyList<string> ids, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(ct);
        await db.DefinitionVersions.Where(v => ids.Contains(v.Id)).ExecuteDeleteAsync(ct);
    }

    public async Task<ContentBlob?> GetContentAsync(string hash, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(ct);
        var row = await db.ContentBlobs.AsNoTracking().FirstOrDefaultAsync(c => c.Hash == hash, ct);
        return row is null ? null : new ContentBlob(row.Hash, row.Kind, row.Text);
    }

    public async Task<FileImport?> FindImportAsync(string path, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(ct);
        var row = await db.FileImports.AsNoTracking().FirstOrDefaultAsync(f => f.Path == path, ct);
        return row is null ? null : new FileImport(row.Path, row.FileHash, row.DefinitionId, row.Version, Time(row.ImportedAt));
    }

    public async Task<WorkflowInstance?> FindInstanceAsync(string id, CancellationToken ct = default)
    {
        if (await sqlite.GetAsync(ct) is { } hot)
        {
            return ReadStatements.Instance(hot.Readers, id) is { } found ? FromRow(found) : null;
        }

        await using var db = await OpenAsync(ct);
        var row = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        return row is null ? null : FromRow(row);
    }

    public async Task<IReadOnlyList<WorkflowInstance>> ListInstancesAsync(InstanceQuery query, CancellationToken ct = default)
    {
        if (ReadStatements.CanList(query) && await sqlite.GetAsync(ct) is { } hot)
        {
            return ReadStatements.Instances(hot.Readers, query).Select(FromRow).ToList();
        }

        await using var db = await OpenAsync(ct);
        var rows = Filter(db.Instances.AsNoTracking(), query);
        rows = query.NewestFirst ? rows.OrderByDescending(i => i.Id) : rows.OrderBy(i => i.Id);
        var list = await rows.Skip(query.Skip).Take(query.Take).ToListAsync(ct);
        return list.Select(FromRow).ToList();
    }

    public async Task<int> CountInstancesAsync(InstanceQuery query, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(ct);
        return await Filter(db.Instances.AsNoTracking(), query).CountAsync(ct);
    }

    private static IQueryable<InstanceRow> Filter(IQueryable<InstanceRow> rows, InstanceQuery query)
    {
        if (query.TenantId is not null)
        {
            rows = rows.Where(i => i.TenantId == query.TenantId);
        }

        if (query.DefinitionId is not null)
        {
            rows = rows.Where(i => i.DefinitionId == query.DefinitionId);
        }

        if (query.DefinitionIds is { Count: > 0 } definitionIds)
        {
            rows = rows.Where(i => definitionIds.Contains(i.DefinitionId));
        }

        if (query.Status is { } status)
        {
            var text = status.ToString();
            rows = rows.Where(i => i.Status == text);
        }

        if (query.Statuses is { Count: > 0 } statuses)
        {
            var texts = statuses.Select(x => x.ToString()).ToList();
            rows = rows.Where(i => texts.Contains(i.Status));
        }

        if (query.CorrelationId is not null)
        {
            rows = rows.Where(i => i.CorrelationId == query.CorrelationId);
        }

        return rows;
    }

    public async Task<Bookmark?> FindBookmarkAsync(string id, CancellationToken ct = default)
    {
        if (await sqlite.GetAsync(ct) is { } hot)
        {
            return ReadStatements.Bookmark(hot.Readers, id) is { } found ? FromRow(found) : null;
        }

        await using var db = await OpenAsync(ct);
        var row = await db.Bookmarks.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        return row is null ? null : FromRow(row);
    }

    public async Task<IReadOnlyList<Bookmark>> FindBookmarksAsync(string name, string? correlationKey, string? tenantId, CancellationToken ct = default)
    {
        List<BookmarkRow> rows;
        if (tenantId is not null && await sqlite.GetAsync(ct) is { } hot)
        {
            rows = ReadStatements.BookmarksByHash(hot.Readers, CorrelationHash(name, correlationKey, tenantId));
        }
        else if (await sqlite.GetAsync(ct) is { } any)
        {
            rows = ReadStatements.BookmarksByKey(any.Readers, name, correlationKey);
        }
        else if (tenantId is not null)
        {
            var hash = CorrelationHash(name, correlationKey, tenantId);
            await using var db = await OpenAsync(ct);
            rows = await db.Bookmarks.AsNoTracking().Where(b => b.CorrelationHash == hash).ToListAsync(ct);
        }
        else
        {
            await using var db = await OpenAsync(ct);
            rows = await db.Bookmarks.AsNoTracking().Where(b => b.Name == name).ToListAsync(ct);
        }

        return rows.Where(b => b.Name == name && b.CorrelationKey == correlationKey && (tenantId is null || b.TenantId == tenantId))
            .OrderBy(b => b.CreatedAt).Select(FromRow).ToList();
    }

    public async Task<IReadOnlyList<Bookmark>> ListBookmarksAsync(string instanceId, CancellationToken ct = default)
    {
        if (await sqlite.GetAsync(ct) is { } hot)
        {
            return ReadStatements.BookmarksOf(hot.Readers, instanceId).Select(FromRow).ToList();
        }

        await using var db = await OpenAsync(ct);
        var rows = await db.Bookmarks.AsNoTracking().Where(b => b.InstanceId == instanceId).OrderBy(b => b.CreatedAt).ToListAsync(ct);
        return rows.Select(FromRow).ToList();
    }

    public async Task<IReadOnlyList<Bookmark>> ListBookmarksByNameAsync(string name, string? tenantId, CancellationToken ct = default)
    {
        if (await sqlite.GetAsync(ct) is { } hot)
        {
            return ReadStatements.BookmarksByName(hot.Readers, name, tenantId).Select(FromRow).ToList();
        }

        await using var db = await OpenAsync(ct);
        var rows = await db.Bookmarks.AsNoTracking().Where(b => b.Name == name && (tenantId == null || b.TenantId == tenantId)).OrderBy(b => b.CreatedAt).ToListAsync(ct);
        return rows.Select(FromRow).ToList();
    }

    public async Task<IReadOnlyList<BookmarkHead>> ListBookmarkHeadsByNameAsync(string name, string? tenantId, CancellationToken ct = default)
    {
        if (await sqlite.GetAsync(ct) is { } hot)
        {
            return ReadStatements.BookmarkHeadsByName(hot.Readers, name, tenantId);
        }

        await using var db = await OpenAsync(ct);
        return await db.Bookmarks.AsNoTracking().Where(b => b.Name == name && (tenantId == null || b.TenantId == tenantId)).OrderBy(b => b.CreatedAt)
            .Select(b => new BookmarkHead(b.Id, b.InstanceId, b.TenantId, b.CorrelationKey)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Bookmark>> FindDueTimersAsync(DateTimeOffset now, int max, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(ct);
        var ticks = Ticks(now);
        var rows = await db.Bookmarks.AsNoTracking().Where(b => b.ResumeAt != null && b.ResumeAt <= ticks).OrderBy(b => b.ResumeAt).Take(max).ToListAsync(ct);
        return rows.Select(FromRow).ToList();
    }

    public async Task<Stimulus?> FindStimulusAsync(string key, CancellationToken ct = default)
    {
        if (await sqlite.GetAsync(ct) is { } hot)
        {
            return ReadStatements.Stimulus(hot.Readers, key) is { } found ? FromRow(found) : null;
        }

        await using var db = await OpenAsync(ct);
        var row = await db.Stimuli.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, ct);
        return row is null ? null : FromRow(row);
    }

    public async Task<Stimulus?> FindPendingStimulusAsync(string name, string? correlationKey, string tenantId, CancellationToken ct = default)
    {
        var hash = CorrelationHash(name, correlationKey, tenantId);
        List<StimulusRow> rows;
        if (await sqlite.GetAsync(ct) is { } hot)
        {
            rows = ReadStatements.PendingStimuli(hot.Readers, hash);
        }
        else
        {
            await using var db = await OpenAsync(ct);
            rows = await db.Stimuli.AsNoTracking().Where(s => s.Status == Pending && s.CorrelationHash == hash).OrderBy(s => s.ReceivedAt).ToListAsync(ct);
        }

        var row = rows.FirstOrDefault(s => s.Name == name && s.CorrelationKey == correlationKey && s.TenantId == tenantId);
        return row is null ? null : FromRow(row);
    }

    public async Task<IReadOnlyList<Stimulus>> ListPendingStimuliAsync(string? tenantId, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(ct);
        var rows = db.Stimuli.AsNoTracking().Where(s => s.Status == Pending);
        if (tenantId is not null)
        {
            rows = rows.Where(s => s.TenantId == tenantId);
        }

        return (await rows.OrderBy(s => s.ReceivedAt).ToListAsync(ct)).Select(FromRow).ToList();
    }

    public async Task AddStimulusAsync(Stimulus stimulus, CancellationToken ct = default)
    {
        if (await sqlite.GetAsync(ct) is { } hot)
        {
            await hot.Writer.WriteAsync(session => CommitStatements.AddStimulus(session, stimulus), ct);
            return;
        }

        await using var db = await OpenAsync(ct);
        db.Stimuli.Add(ToRow(stimulus));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            throw new DuplicateStimulusException(stimulus.Key, ex);
        }
    }

    public async Task CommitAsync(InstanceCommit commit, CancellationToken ct = default)
    {
        if (await sqlite.GetAsync(ct) is { } hot)
        {
            var rows = CommitStatements.Prepare(commit);
            await hot.Writer.WriteAsync(session => CommitStatements.Commit(session, rows), ct);
            return;
        }

        await using var db = await OpenAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var instance = commit.Instance;
        var row = ToRow(instance);
        if (commit.IsNew)
        {
            db.Instances.Add(row);
        }
        else
        {
            var updated = await db.Instances
                .Where(i => i.Id == instance.Id && i.Revision == commit.ExpectedRevision)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.Revision, row.Revision)
                    .SetProperty(i => i.Status, row.Status)
                    .SetProperty(i => i.UpdatedAt, row.UpdatedAt)
                    .SetProperty(i => i.FinishedAt, row.FinishedAt)
                    .SetProperty(i => i.State, row.State), ct);
            if (updated == 0)
            {
                throw new ConcurrencyConflictException($"instance {instance.Id} changed since revision {commit.ExpectedRevision}");
            }
        }

        foreach (var id in commit.RemovedBookmarkIds)
        {
            if (await db.Bookmarks.Where(b => b.Id == id).ExecuteDeleteAsync(ct) == 0)
            {
                throw new ConcurrencyConflictException($"bookmark {id} of instance {instance.Id} was consumed meanwhile");
            }
        }

        var consumedAt = Ticks(instance.UpdatedAt);
        const string consumed = nameof(StimulusStatus.Consumed);
        foreach (var id in commit.ConsumedStimulusIds)
        {
            var n = await db.Stimuli.Where(s => s.Id == id && s.Status == Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, consumed).SetProperty(x => x.ConsumedByInstanceId, instance.Id).SetProperty(x => x.ConsumedAt, consumedAt), ct);
            if (n == 0)
            {
                throw new ConcurrencyConflictException($"stimulus {id} was consumed meanwhile");
            }
        }

        var keys = commit.AddedStimuli.Select(s => s.Key).ToList();
        if (keys.Count > 0 && await db.Stimuli.AnyAsync(s => keys.Contains(s.Key), ct))
        {
            throw new DuplicateStimulusException(keys[0]);
        }

        db.Bookmarks.AddRange(commit.AddedBookmarks.Select(ToRow));
        db.Stimuli.AddRange(commit.AddedStimuli.Select(ToRow));
        db.Journal.AddRange(commit.Journal.Select(j => ToRow(j, instance.TenantId)));
        db.Outbox.AddRange(commit.Outbox.Select(ToRow));
        db.Records.AddRange(commit.Outbox.Select(WorkflowRecord.From).OfType<WorkflowRecord>().Select(ToRow));
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            if (commit.IsNew && instance.CorrelationId is { } correlation)
            {
                await using var check = await OpenAsync(ct);
                if (await check.Instances.AnyAsync(i => i.DefinitionId == instance.DefinitionId && i.CorrelationId == correlation && i.Id != instance.Id, ct))
                {
                    throw new DuplicateInstanceException(instance.DefinitionId, correlation, ex);
                }
            }

            if (keys.Count > 0 && commit.AddedStimuli.Count > 0 && !commit.IsNew)
            {
                throw new DuplicateStimulusException(keys[0], ex);
            }

            throw new ConcurrencyConflictException($"instance {instance.Id} was written meanwhile", ex);
        }
    }

    public async Task<IReadOnlyList<JournalEntry>> GetJournalAsync(string instanceId, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(ct);
        var rows = await db.Journal.AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Sequence).ToListAsync(ct);
        return rows.Select(FromRow).ToList();
    }

    public async Task<IReadOnlyList<OutboxMessage>> ListOutboxAsync(int max, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(ct);
        var rows = await db.Outbox.AsNoTracking().OrderBy(m => m.Sequence).Take(max).ToListAsync(ct);
        return rows.Select(FromRow).ToList();
    }

    public async Task<IReadOnlyList<WorkflowRecord>> ListRecordsAsync(RecordQuery query, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(ct);
        var rows = db.Records.AsNoTracking().Where(r => r.Sequence > query.AfterSequence);
        if (query.TenantId is not null)
        {
            rows = rows.Where(r => r.TenantId == query.TenantId);
        }

        if (query.EventName is not null)
        {
            rows = rows.Where(r => r.EventName == query.EventName);
        }

        if (query.CorrelationKeyPrefix is not null)
        {
            rows = rows.Where(r => r.CorrelationKey != null && r.CorrelationKey.StartsWith(query.CorrelationKeyPrefix));
        }

        return (await rows.OrderBy(r => r.Sequence).Take(query.Take).ToListAsync(ct)).Select(FromRow).ToList();
    }

    public async Task MarkOutboxSentAsync(IReadOnlyList<string> ids, CancellationToken ct = default)
    {
        if (await sqlite.GetAsync(ct) is { } hot)
        {
            // Through the writer like the steps that wrote them: the dispatcher runs all season long.
            await hot.Writer.WriteAsync(db => CommitStatements.RemoveSent(db, ids), ct);
            return;
        }

        await using var db = await OpenAsync(ct);
        await db.Outbox.Where(m => ids.Contains(m.Id)).ExecuteDeleteAsync(ct);
    }

    private static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19,
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
