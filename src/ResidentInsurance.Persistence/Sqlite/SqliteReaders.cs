using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace ResidentInsurance.Persistence.Sqlite;

/// <summary>
/// Read connections of a SQLite file for the engine's hot reads (<see cref="PreparedConnection"/>s, pooled). In WAL
/// mode readers do not wait for the writer; a connection is used by one caller at a time.
/// </summary>
internal sealed class SqliteReaders(string connectionString) : IDisposable
{
    private const int MaxIdle = 16;
    private readonly ConcurrentBag<PreparedConnection> _idle = new();
    private volatile bool _disposed;

    /// <summary>Every row of <paramref name="sql"/> (parameters <c>@p0</c>, <c>@p1</c>, … in order), mapped.</summary>
    public List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params object?[] values)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_idle.TryTake(out var connection))
        {
            connection = new PreparedConnection(connectionString);
        }

        try
        {
            var rows = connection.Query(sql, map, values);
            Return(connection);
            return rows;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void Return(PreparedConnection connection)
    {
        if (_disposed || _idle.Count >= MaxIdle)
        {
            connection.Dispose();
            return;
        }

        _idle.Add(connection);
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }
}
