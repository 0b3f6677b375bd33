using Microsoft.Data.Sqlite;

namespace ResidentInsurance.Persistence;

/// <summary>
/// An online backup of the SQLite store while the platform runs: SQLite's backup API copies the database as one
/// consistent snapshot (WAL mode: writers go on meanwhile), then the copy is checked with
/// <c>PRAGMA integrity_check</c> and counted. PostgreSQL is backed up with its own tools (pg_dump / base backups).
/// </summary>
public static class SqliteBackup
{
    public sealed record Result(string Destination, long Bytes, long Instances, long Waiting, long Records, TimeSpan Took);

    public static async Task<Result> RunAsync(string source, string destination, CancellationToken ct = default)
    {
        if (!File.Exists(source))
        {
            throw new FileNotFoundException($"no database at {source}", source);
        }

        if (File.Exists(destination))
        {
            throw new IOException($"{destination} exists: a backup never overwrites a file");
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        var partial = destination + ".partial";
        File.Delete(partial);
        await using (var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        await using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
        {
            await from.OpenAsync(ct);
            await to.OpenAsync(ct);
            from.BackupDatabase(to);
            await using var check = to.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            var verdict = (string?)await check.ExecuteScalarAsync(ct);
            if (verdict != "ok")
            {
                throw new InvalidDataException($"the copy fails SQLite's integrity check: {verdict}");
            }
        }

        // Only a checked copy gets the name asked for: a crash mid-backup leaves a .partial file, never a bad backup.
        File.Move(partial, destination);
        await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = destination, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await copy.OpenAsync(ct);
        return new Result(destination, new FileInfo(destination).Length, await CountAsync(copy, "workflow_instances", ct), await CountAsync(copy, "bookmarks", ct), await CountAsync(copy, "records", ct), started.Elapsed);
    }

    private static async Task<long> CountAsync(SqliteConnection connection, string table, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
