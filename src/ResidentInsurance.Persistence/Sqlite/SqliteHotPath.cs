namespace ResidentInsurance.Persistence.Sqlite;

/// <summary>A SQLite file's engine hot path: its one group-committing writer and its prepared readers.</summary>
internal sealed class SqliteHotPath(string connectionString) : IDisposable
{
    public SqliteWriter Writer { get; } = new(connectionString);

    public SqliteReaders Readers { get; } = new(connectionString);

    public void Dispose()
    {
        Writer.Dispose();
        Readers.Dispose();
    }
}
