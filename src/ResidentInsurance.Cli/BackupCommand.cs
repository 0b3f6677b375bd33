using ResidentInsurance.Persistence;

namespace ResidentInsurance.Cli;

/// <summary>
/// <c>backup --to copy.db [--database store.db]</c>: an online backup of the SQLite store while the host runs (a
/// consistent snapshot, integrity-checked, never overwriting). A host started on the copy resumes what was waiting.
/// </summary>
internal static class BackupCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, PlatformOptions platform)
    {
        string? to = null;
        var from = platform.DatabasePath;
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--to" when value is not null:
                    to = value;
                    break;
                case "--database" when value is not null:
                    from = value;
                    break;
                default:
                    await stderr.WriteLineAsync($"backup: bad argument '{args[i]}' (usage: backup --to copy.db [--database store.db]; PostgreSQL: use pg_dump)");
                    return CliApp.BadInput;
            }
        }

        if (to is null)
        {
            await stderr.WriteLineAsync("backup: --to is required (the file the copy goes to)");
            return CliApp.BadInput;
        }

        try
        {
            var result = await SqliteBackup.RunAsync(from, to);
            await stdout.WriteLineAsync($"备份完成 / backup done: {result.Destination} ({result.Bytes:N0} bytes, {result.Instances:N0} instances, {result.Waiting:N0} waiting bookmarks, {result.Records:N0} records, {result.Took.TotalSeconds:F1} s, integrity ok)");
            return CliApp.Ok;
        }
        catch (Exception ex) when (ex is FileNotFoundException or IOException or InvalidDataException or Microsoft.Data.Sqlite.SqliteException)
        {
            await stderr.WriteLineAsync($"backup: {ex.Message}");
            return ex is InvalidDataException or Microsoft.Data.Sqlite.SqliteException ? CliApp.Failure : CliApp.BadInput;
        }
    }
}
