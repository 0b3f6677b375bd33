namespace ResidentInsurance.Persistence.Sqlite;

/// <summary>
/// The store's SQLite hot path, shared by the engine's store and the audit: started on first use (after the
/// migrations), disposed with the container; null on PostgreSQL, whose stores stay on EF Core.
/// </summary>
internal sealed class SqliteHotPathHolder(WorkflowDbContextFactory factory) : IDisposable
{
    private readonly Lock _gate = new();
    private SqliteHotPath? _hot;
    private bool _disposed;

    public async ValueTask<SqliteHotPath?> GetAsync(CancellationToken ct)
    {
        if (factory.Provider != StoreProvider.Sqlite)
        {
            return null;
        }

        if (_hot is { } hot)
        {
            return hot;
        }

        await factory.EnsureReadyAsync(ct);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _hot ??= new SqliteHotPath(factory.ConnectionString);
        }
    }

    public void Dispose()
    {
        SqliteHotPath? hot;
        lock (_gate)
        {
            _disposed = true;
            hot = _hot;
            _hot = null;
        }

        hot?.Dispose();
    }
}
