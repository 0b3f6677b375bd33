using Microsoft.Data.Sqlite;

namespace ResidentInsurance.Persistence.Sqlite;

/// <summary>
/// The writer's connection with its statements prepared once: parameters are positional, <c>@p0</c>, <c>@p1</c>, …
/// in the order given.
/// </summary>
internal sealed class WriterSession(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public int Execute(string sql, params object?[] values) => Command(sql, values).ExecuteNonQuery();

    /// <summary>The first column of the first row, or null.</summary>
    public object? Scalar(string sql, params object?[] values)
    {
        var value = Command(sql, values).ExecuteScalar();
        return value is DBNull ? null : value;
    }

    private SqliteCommand Command(string sql, object?[] values)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters.Add(new SqliteParameter("@p" + i, null));
            }

            _commands[sql] = command;
        }

        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
