using Microsoft.Data.Sqlite;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Persistence.Rows;
using static ResidentInsurance.Persistence.RowMapping;

namespace ResidentInsurance.Persistence.Sqlite;

/// <summary>
/// One step of an instance (<see cref="InstanceCommit"/>) and a kept stimulus in hand-written SQL, for the
/// <see cref="SqliteWriter"/>: the same conditional statements as the EF Core path, so a lost race is still a
/// <see cref="ConcurrencyConflictException"/> and a known key a <see cref="DuplicateStimulusException"/>.
/// </summary>
internal static class CommitStatements
{
    private const string Pending = nameof(StimulusStatus.Pending);
    private const string Consumed = nameof(StimulusStatus.Consumed);

    /// <summary>
    /// A step's rows, made by its caller: serializing the instance's state, the journal and the outbox is a step's own
    /// work, and the writer's thread — the one part of a season that does not run in parallel — only runs statements.
    /// </summary>
    public sealed record Rows(
        InstanceRow Instance,
        bool IsNew,
        long ExpectedRevision,
        IReadOnlyList<string> RemovedBookmarkIds,
        IReadOnlyList<string> ConsumedStimulusIds,
        IReadOnlyList<StimulusRow> AddedStimuli,
        IReadOnlyList<BookmarkRow> AddedBookmarks,
        IReadOnlyList<JournalRow> Journal,
        IReadOnlyList<(OutboxRow Message, RecordRow? Record)> Outbox);

    public static Rows Prepare(InstanceCommit commit)
    {
        var instance = commit.Instance;
        return new Rows(
            ToRow(instance),
            commit.IsNew,
            commit.ExpectedRevision,
            commit.RemovedBookmarkIds.ToList(),
            commit.ConsumedStimulusIds.ToList(),
            commit.AddedStimuli.Select(ToRow).ToList(),
            commit.AddedBookmarks.Select(ToRow).ToList(),
            commit.Journal.Select(entry => ToRow(entry, instance.TenantId)).ToList(),
            commit.Outbox.Select(message => (ToRow(message), WorkflowRecord.From(message) is { } record ? ToRow(record) : null)).ToList());
    }

    public static bool Commit(PreparedConnection db, Rows commit)
    {
        var row = commit.Instance;
        if (commit.IsNew)
        {
            InsertInstance(db, row);
        }
        else if (db.Execute(
                     "UPDATE workflow_instances SET Revision = @p0, Status = @p1, UpdatedAt = @p2, FinishedAt = @p3, State = @p4 WHERE Id = @p5 AND Revision = @p6",
                     row.Revision, row.Status, row.UpdatedAt, row.FinishedAt, row.State, row.Id, commit.ExpectedRevision) == 0)
        {
            throw new ConcurrencyConflictException($"instance {row.Id} changed since revision {commit.ExpectedRevision}");
        }

        foreach (var id in commit.RemovedBookmarkIds)
        {
            if (db.Execute("DELETE FROM bookmarks WHERE Id = @p0", id) == 0)
            {
                throw new ConcurrencyConflictException($"bookmark {id} of instance {row.Id} was consumed meanwhile");
            }
        }

        foreach (var id in commit.ConsumedStimulusIds)
        {
            if (db.Execute(
                    "UPDATE stimuli SET Status = @p0, ConsumedByInstanceId = @p1, ConsumedAt = @p2 WHERE Id = @p3 AND Status = @p4",
                    Consumed, row.Id, row.UpdatedAt, id, Pending) == 0)
            {
                throw new ConcurrencyConflictException($"stimulus {id} was consumed meanwhile");
            }
        }

        foreach (var stimulus in commit.AddedStimuli)
        {
            InsertStimulus(db, stimulus);
        }

        foreach (var b in commit.AddedBookmarks)
        {
            db.Execute(
                "INSERT INTO bookmarks (Id, InstanceId, TenantId, ActivityId, ActivityNodeId, ActivityType, Name, CorrelationKey, CorrelationHash, ResumeAt, Payload, CreatedAt) " +
                "VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11)",
                b.Id, b.InstanceId, b.TenantId, b.ActivityId, b.ActivityNodeId, b.ActivityType, b.Name, b.CorrelationKey, b.CorrelationHash, b.ResumeAt, b.Payload, b.CreatedAt);
        }

        foreach (var j in commit.Journal)
        {
            db.Execute(
                "INSERT INTO journal (InstanceId, Sequence, TenantId, ActivityId, ActivityNodeId, ActivityType, ActivityVersion, Event, At, Outcome, Message) " +
                "VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10)",
                j.InstanceId, j.Sequence, j.TenantId, j.ActivityId, j.ActivityNodeId, j.ActivityType, j.ActivityVersion, j.Event, j.At, j.Outcome, j.Message);
        }

        foreach (var (o, r) in commit.Outbox)
        {
            db.Execute(
                "INSERT INTO outbox (Id, Type, TenantId, InstanceId, Payload, CreatedAt) VALUES (@p0, @p1, @p2, @p3, @p4, @p5)",
                o.Id, o.Type, o.TenantId, o.InstanceId, o.Payload, o.CreatedAt);
            if (r is not null)
            {
                db.Execute(
                    "INSERT INTO records (TenantId, EventName, CorrelationKey, InstanceId, Payload, RecordedAt) VALUES (@p0, @p1, @p2, @p3, @p4, @p5)",
                    r.TenantId, r.EventName, r.CorrelationKey, r.InstanceId, r.Payload, r.RecordedAt);
            }
        }

        return true;
    }

    /// <summary>Outbox messages handed to the bus: deleted (sent again if the process stopped before this).</summary>
    public static int RemoveSent(PreparedConnection db, IReadOnlyList<string> ids) => ids.Sum(id => db.Execute("DELETE FROM outbox WHERE Id = @p0", id));

    public static bool AddStimulus(PreparedConnection db, Stimulus stimulus)
    {
        InsertStimulus(db, ToRow(stimulus));
        return true;
    }

    private static void InsertInstance(PreparedConnection db, InstanceRow i)
    {
        try
        {
            db.Execute(
                "INSERT INTO workflow_instances (Id, DefinitionId, DefinitionVersionId, Version, TenantId, CorrelationId, Status, CreatedAt, UpdatedAt, FinishedAt, Revision, State) " +
                "VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11)",
                i.Id, i.DefinitionId, i.DefinitionVersionId, i.Version, i.TenantId, i.CorrelationId, i.Status, i.CreatedAt, i.UpdatedAt, i.FinishedAt, i.Revision, i.State);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19 && i.CorrelationId is not null &&
                                         db.Scalar("SELECT 1 FROM workflow_instances WHERE DefinitionId = @p0 AND CorrelationId = @p1 AND Id <> @p2", i.DefinitionId, i.CorrelationId, i.Id) is not null)
        {
            throw new DuplicateInstanceException(i.DefinitionId, i.CorrelationId, ex);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            throw new ConcurrencyConflictException($"instance {i.Id} was written meanwhile", ex);
        }
    }

    private static void InsertStimulus(PreparedConnection db, StimulusRow s)
    {
        try
        {
            db.Execute(
                "INSERT INTO stimuli (Id, Key, Name, CorrelationKey, CorrelationHash, BookmarkId, TenantId, Payload, ReceivedAt, Status, ConsumedByInstanceId, ConsumedAt) " +
                "VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11)",
                s.Id, s.Key, s.Name, s.CorrelationKey, s.CorrelationHash, s.BookmarkId, s.TenantId, s.Payload, s.ReceivedAt, s.Status, s.ConsumedByInstanceId, s.ConsumedAt);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            throw new DuplicateStimulusException(s.Key, ex);
        }
    }
}
