using Microsoft.Data.Sqlite;

namespace ResidentInsurance.Persistence.Sqlite;

/// <summary>The writer's connection with its statements prepared once (<see cref="PositionalCommand"/>).</summary>
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
            command = PositionalCommand.Create(connection, sql, values.Length);
            _commands[sql] = command;
        }

        return PositionalCommand.Bind(command, values);
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
