using Microsoft.Data.Sqlite;

namespace ResidentInsurance.Persistence.Sqlite;

/// <summary>
/// A connection of the hot path (the writer's, or one of the readers'), opened with the store's pragmas, that keeps its
/// statements prepared: parameters are positional, <c>@p0</c>, <c>@p1</c>, … in the order given. Used by one caller at
/// a time. At most <see cref="MaxStatements"/> texts are kept; past that a statement is prepared for its one use.
/// </summary>
internal sealed class PreparedConnection : IDisposable
{
    private const int MaxStatements = 64;
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public PreparedConnection(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        using var pragmas = _connection.CreateCommand();
        pragmas.CommandText = SqlitePragmas.Statements;
        pragmas.ExecuteNonQuery();
    }

    public int Execute(string sql, params object?[] values) => Run(sql, values, static command => command.ExecuteNonQuery());

    /// <summary>The first column of the first row, or null.</summary>
    public object? Scalar(string sql, params object?[] values) =>
        Run(sql, values, static command => command.ExecuteScalar() is var value && value is DBNull ? null : value);

    /// <summary>Every row, mapped.</summary>
    public List<T> Query<T>(string sql, Func<SqliteDataReader, T> map, params object?[] values) => Run(sql, values, command =>
    {
        var rows = new List<T>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    });

    private TResult Run<TResult>(string sql, object?[] values, Func<SqliteCommand, TResult> run)
    {
        var cached = _commands.TryGetValue(sql, out var command);
        if (!cached)
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters.Add(new SqliteParameter("@p" + i, null));
            }

            if (_commands.Count < MaxStatements)
            {
                _commands[sql] = command;
                cached = true;
            }
        }

        try
        {
            for (var i = 0; i < values.Length; i++)
            {
                command!.Parameters[i].Value = values[i] ?? DBNull.Value;
            }

            return run(command!);
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

        _commands.Clear();
        _connection.Dispose();
    }
}
