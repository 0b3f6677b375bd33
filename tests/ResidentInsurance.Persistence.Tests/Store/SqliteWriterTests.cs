using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ResidentInsurance.Persistence.Access;
using ResidentInsurance.Persistence.Sqlite;
using ResidentInsurance.Persistence.Tests.Support;

namespace ResidentInsurance.Persistence.Tests.Store;

/// <summary>The group-committing writer: steps queued together commit together, and a refused step is undone alone.</summary>
public sealed class SqliteWriterTests : IDisposable
{
    private readonly SqliteFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task Steps_queued_together_commit_in_one_transaction_and_a_refused_one_is_undone_alone()
    {
        using var writer = new SqliteWriter(_file.Options.ConnectionString);
        await writer.WriteAsync(db => db.Execute("CREATE TABLE t (k TEXT PRIMARY KEY)"));
        var before = writer.Batches;

        // The first step holds the writer while the others queue behind it.
        using var started = new ManualResetEventSlim();
        using var hold = new ManualResetEventSlim();
        var first = writer.WriteAsync(db => { started.Set(); hold.Wait(); return db.Execute("INSERT INTO t VALUES (@p0)", "a"); });
        started.Wait();
        var second = writer.WriteAsync(db => db.Execute("INSERT INTO t VALUES (@p0)", "b"));
        var duplicate = writer.WriteAsync(db => db.Execute("INSERT INTO t VALUES (@p0)", "a"));
        var refused = writer.WriteAsync<int>(db =>
        {
            db.Execute("INSERT INTO t VALUES (@p0)", "c");
            throw new InvalidOperationException("refused after writing");
        });
        var last = writer.WriteAsync(db => db.Execute("INSERT INTO t VALUES (@p0)", "d"));
        hold.Set();

        Assert.Equal(1, await first);
        Assert.Equal(1, await second);
        Assert.Equal(19, (await Assert.ThrowsAsync<SqliteException>(() => duplicate)).SqliteErrorCode);
        await Assert.ThrowsAsync<InvalidOperationException>(() => refused);
        Assert.Equal(1, await last);
        Assert.Equal(2, writer.Batches - before); // the held step alone, then the four queued behind it together
        Assert.Equal(["a", "b", "d"], Keys());
    }

    [Fact]
    public async Task A_failure_of_the_database_itself_fails_every_step_of_its_batch_and_keeps_none()
    {
        using var writer = new SqliteWriter(_file.Options.ConnectionString);
        await writer.WriteAsync(db => db.Execute("CREATE TABLE t (k TEXT PRIMARY KEY)"));
        using var started = new ManualResetEventSlim();
        using var hold = new ManualResetEventSlim();
        var first = writer.WriteAsync(db => { started.Set(); hold.Wait(); return db.Execute("INSERT INTO t VALUES (@p0)", "a"); });
        started.Wait();
        var good = writer.WriteAsync(db => db.Execute("INSERT INTO t VALUES (@p0)", "b"));
        var broken = writer.WriteAsync(db => db.Execute("INSERT INTO missing VALUES (@p0)", "c"));
        hold.Set();
        await first;

        // Not a refusal of one step (a constraint): the batch is rolled back and every caller hears it.
        await Assert.ThrowsAsync<SqliteException>(() => good);
        await Assert.ThrowsAsync<SqliteException>(() => broken);
        Assert.Equal(["a"], Keys());

        // The writer goes on with a fresh connection.
        Assert.Equal(1, await writer.WriteAsync(db => db.Execute("INSERT INTO t VALUES (@p0)", "e")));
        Assert.Equal(["a", "e"], Keys());
    }

    [Fact]
    public async Task A_write_outside_the_writer_gets_through_while_it_commits_back_to_back()
    {
        // 64 callers keep the writer's batches coming (as a season's steps do) while accounts are added through
        // EF Core, which takes SQLite's write lock between two batches through its busy handler.
        using var host = new StoreHost(_file.Options, new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        var access = host.Services.GetRequiredService<IAccessStore>();
        using var stop = new CancellationTokenSource();
        var appended = 0;
        var load = Enumerable.Range(0, 64).Select(w => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                await access.AppendAuditAsync(new AuditEntry(0, DateTimeOffset.UnixEpoch, "feed", "zhashui", "payment.notice", $"TX-{w}-{n}", "applied", null));
                Interlocked.Increment(ref appended);
            }
        })).ToList();
        while (Volatile.Read(ref appended) < 500)
        {
            await Task.Delay(10);
        }

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(1, await access.AddAccountsAsync([new StaffAccount($"clerk-{i}", "办事员", "zhashui", "tax", "staff", "-", null)]));
        }

        await stop.CancelAsync();
        await Task.WhenAll(load); // and none of the writer's callers failed meanwhile
        Assert.Equal(10, await access.CountAccountsAsync());
        Assert.True((await access.VerifyAuditAsync()).Intact);
    }

    [Fact]
    public async Task A_large_unit_refused_after_writing_is_undone_from_a_journal_kept_in_memory()
    {
        using var writer = new SqliteWriter(_file.Options.ConnectionString);
        await writer.WriteAsync(db => db.Execute("CREATE TABLE t (k TEXT PRIMARY KEY)"));
        await writer.WriteAsync(db => db.Execute("INSERT INTO t VALUES (@p0)", "kept"));

        // 2 MiB of rows in one unit: its savepoint journal holds every page it changed, far past SQLite's in-memory
        // spill size, and must not go to a temporary file (temp_store=MEMORY: 2).
        var refused = writer.WriteAsync<int>(db =>
        {
            for (var i = 0; i < 2048; i++)
            {
                db.Execute("INSERT INTO t VALUES (@p0)", i.ToString("D6") + new string('x', 1024));
            }

            db.Execute("UPDATE t SET k = @p0 WHERE k = @p1", "changed", "kept");
            throw new InvalidOperationException("refused after writing");
        });
        var tempStore = writer.WriteAsync(db => db.Scalar("PRAGMA temp_store"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => refused);
        Assert.Equal(2L, await tempStore);
        Assert.Equal(["kept"], Keys());
    }

    [Fact]
    public async Task The_writer_checkpoints_every_4000_pages_not_every_1000()
    {
        using (var setup = new SqliteConnection(_file.Options.ConnectionString))
        {
            setup.Open();
            using var wal = setup.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL"; // as the store's migrations leave every file
            wal.ExecuteNonQuery();
        }

        using var writer = new SqliteWriter(_file.Options.ConnectionString);
        await writer.WriteAsync(db => db.Execute("CREATE TABLE t (k TEXT PRIMARY KEY)"));

        // 2,000 pages of rows in 20 commits: SQLite's default would have checkpointed past 1,000; the WAL still holds them all.
        for (var commit = 0; commit < 20; commit++)
        {
            await writer.WriteAsync(db =>
            {
                for (var i = 0; i < 100; i++)
                {
                    db.Execute("INSERT INTO t VALUES (@p0)", $"{commit:D2}{i:D3}" + new string('x', 3000));
                }

                return 0;
            });
        }

        Assert.Equal((long)SqliteWriter.CheckpointPages, await writer.WriteAsync(db => db.Scalar("PRAGMA wal_autocheckpoint")));
        Assert.True(new FileInfo(_file.Path + "-wal").Length > 2000L * 4096, "the WAL was checkpointed before 4,000 pages");
        Assert.Equal(2000, Keys().Count);
    }

    [Fact]
    public async Task After_disposal_nothing_is_taken()
    {
        var writer = new SqliteWriter(_file.Options.ConnectionString);
        await writer.WriteAsync(db => db.Execute("CREATE TABLE t (k TEXT PRIMARY KEY)"));
        writer.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => writer.WriteAsync(db => db.Execute("INSERT INTO t VALUES (@p0)", "a")));
        Assert.Empty(Keys());
    }

    private List<string> Keys()
    {
        using var connection = new SqliteConnection(_file.Options.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT k FROM t ORDER BY k";
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}
