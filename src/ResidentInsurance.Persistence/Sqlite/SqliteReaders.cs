using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace ResidentInsurance.Persistence.Sqlite;

/// <summary>
/// Read connections of a SQLite file for the engine's hot reads, each keeping its statements prepared. In WAL mode
/// readers do not wait for the writer; a connection is used by one caller at a time.
/// </summary>
internal sealed class SqliteReaders(string connectionString) : IDisposable
{
    private const int MaxIdle = 16;
    private const int MaxStatements = 64;
    private readonly ConcurrentBag<ReadConnection> _idle = new();
    private volatile bool _disposed;

    /// <summary>Every row of <paramref name="sql"/> (parameters <c>@p0</c>, <c>@p1</c>, … in order), mapped.</summary>
    public List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params object?[] values)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_idle.TryTake(out var connection))
        {
            connection = new ReadConnection(connectionString);
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

    private void Return(ReadConnection connection)
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

    private sealed class ReadConnection : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

        public ReadConnection(string connectionString)
        {
            _connection = new SqliteConnection(connectionString);
            _connection.Open();
            using var pragmas = _connection.CreateCommand();
            pragmas.CommandText = "PRAGMA busy_timeout=10000;";
            pragmas.ExecuteNonQuery();
        }

        public List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, object?[] values)
        {
            var cached = _commands.TryGetValue(sql, out var command);
            if (!cached)
            {
                command = PositionalCommand.Create(_connection, sql, values.Length);
                if (_commands.Count < MaxStatements)
                {
                    _commands[sql] = command;
                    cached = true;
                }
            }

            try
            {
                var rows = new List<T>();
                using var reader = PositionalCommand.Bind(command!, values).ExecuteReader();
                while (reader.Read())
                {
                    rows.Add(map(reader));
                }

                return rows;
            }
            finally
            {
                if (!cached)
                {
                    command!.Dispose();
                }
            }
        }

        public void Dispose()
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }

            _connection.Dispose();
        }
    }
}
