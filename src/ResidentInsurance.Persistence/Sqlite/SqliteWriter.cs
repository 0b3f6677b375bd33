using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace ResidentInsurance.Persistence.Sqlite;

/// <summary>
/// The one writer of a SQLite file's hot path, with group commit. Callers queue a unit of work; a dedicated thread
/// takes every unit waiting, runs each in its own savepoint of one <c>BEGIN IMMEDIATE</c> transaction and commits
/// them together (one fsync with <c>synchronous=FULL</c>). A unit that throws is rolled back to its savepoint and
/// its caller gets the exception; the others commit. No caller hears "done" before the batch's COMMIT returned, so
/// what was reported done is on disk. Other writers of the same file (the designer, accounts, region parameters) still take
/// SQLite's write lock in turn: the busy timeout serialises them with this one.
/// </summary>
internal sealed class SqliteWriter : IDisposable
{
    /// <summary>Units per transaction at most: a batch's callers wait for its commit, so it stays short.</summary>
    public const int MaxBatch = 256;

    /// <summary>
    /// A unit's savepoint journal (what <c>ROLLBACK TO unit</c> restores) kept in memory: SQLite otherwise opened,
    /// unlinked and closed a temporary file under /var/tmp for nearly every batch (a tenth of the writer thread's time
    /// went to creating and deleting those files). The journal only serves a rollback inside the open transaction;
    /// what survives a crash is the WAL's, which this does not touch.
    /// </summary>
    internal const string UnitJournalsInMemory = "PRAGMA temp_store=MEMORY";

    /// <summary>
    /// The writer checkpoints (copies the WAL into the database file and fsyncs it, on its thread, after a commit)
    /// every 4,000 pages — 16 MiB of WAL — instead of SQLite's 1,000: the pages every commit rewrites (the last page of
    /// each table and index) are copied once per checkpoint, so fewer checkpoints copy fewer pages. A season 7% faster
    /// (A/B 0.93 wall, 4 pairs); a crash replays at most 16 MiB of WAL when the file is next opened.
    /// </summary>
    internal const int CheckpointPages = 4000;

    private readonly BlockingCollection<Unit> _queue = new();
    private readonly string _connectionString;
    private readonly Thread _thread;
    private PreparedConnection? _session;
    private int _batches;

    public SqliteWriter(string connectionString)
    {
        _connectionString = connectionString;
        _thread = new Thread(Loop) { IsBackground = true, Name = "sqlite-writer" };
        _thread.Start();
    }

    /// <summary>Transactions committed (or failed) so far: fewer than the units when commits were grouped.</summary>
    public int Batches => Volatile.Read(ref _batches);

    /// <summary>Runs <paramref name="work"/> in the next batch; completes after the batch committed.</summary>
    public Task<T> WriteAsync<T>(Func<PreparedConnection, T> work, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        var unit = new Unit<T>(work, ct);
        try
        {
            _queue.Add(unit, ct);
        }
        catch (InvalidOperationException)
        {
            throw new ObjectDisposedException(nameof(SqliteWriter), "the store is shutting down: nothing was written");
        }

        return unit.Done.Task;
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join();
        _session?.Dispose();
        _queue.Dispose();
    }

    private void Loop()
    {
        var batch = new List<Unit>(MaxBatch);
        foreach (var first in _queue.GetConsumingEnumerable())
        {
            batch.Clear();
            batch.Add(first);
            while (batch.Count < MaxBatch && _queue.TryTake(out var next))
            {
                batch.Add(next);
            }

            RunBatch(batch);
        }
    }

    private void RunBatch(List<Unit> batch)
    {
        var live = batch.Where(u => !u.Cancellation.IsCancellationRequested).ToList();
        foreach (var cancelled in batch.Where(u => u.Cancellation.IsCancellationRequested))
        {
            cancelled.Cancel();
        }

        if (live.Count == 0)
        {
            return;
        }

        Interlocked.Increment(ref _batches);
        PreparedConnection session;
        try
        {
            session = Session();
            session.Execute("BEGIN IMMEDIATE");
        }
        catch (Exception ex)
        {
            ResetConnection();
            live.ForEach(u => u.Fail(ex));
            return;
        }

        var outcomes = new Exception?[live.Count];
        try
        {
            for (var i = 0; i < live.Count; i++)
            {
                session.Execute("SAVEPOINT unit");
                try
                {
                    live[i].Run(session);
                    session.Execute("RELEASE unit");
                }
                catch (Exception ex) when (ex is not SqliteException { SqliteErrorCode: not 19 })
                {
                    // The unit's own refusal (a conflict it detected, a constraint it hit): undo it alone.
                    session.Execute("ROLLBACK TO unit");
                    session.Execute("RELEASE unit");
                    outcomes[i] = ex;
                }
            }

            session.Execute("COMMIT");
        }
        catch (Exception ex)
        {
            // An I/O error, a full disk, a failed commit: nothing of the batch is kept, every caller hears it.
            TryRollback(session);
            ResetConnection();
            live.ForEach(u => u.Fail(ex));
            return;
        }

        for (var i = 0; i < live.Count; i++)
        {
            if (outcomes[i] is { } failure)
            {
                live[i].Fail(failure);
            }
            else
            {
                live[i].Succeed();
            }
        }
    }

    private PreparedConnection Session()
    {
        if (_session is null)
        {
            _session = new PreparedConnection(_connectionString);
            _session.Execute(UnitJournalsInMemory);
            _session.Execute($"PRAGMA wal_autocheckpoint={CheckpointPages}");
        }

        return _session;
    }

    private static void TryRollback(PreparedConnection session)
    {
        try
        {
            session.Execute("ROLLBACK");
        }
        catch (SqliteException)
        {
            // No transaction left to roll back (SQLite ends it itself on some errors).
        }
    }

    private void ResetConnection()
    {
        _session?.Dispose();
        _session = null;
    }

    private abstract class Unit(CancellationToken cancellation)
    {
        public CancellationToken Cancellation { get; } = cancellation;

        public abstract void Run(PreparedConnection session);

        public abstract void Succeed();

        public abstract void Fail(Exception ex);

        public abstract void Cancel();
    }

    private sealed class Unit<T>(Func<PreparedConnection, T> work, CancellationToken cancellation) : Unit(cancellation)
    {
        private T _result = default!;

        public TaskCompletionSource<T> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Run(PreparedConnection session) => _result = work(session);

        public override void Succeed() => Done.TrySetResult(_result);

        public override void Fail(Exception ex) => Done.TrySetException(ex);

        public override void Cancel() => Done.TrySetCanceled(Cancellation);
    }
}
