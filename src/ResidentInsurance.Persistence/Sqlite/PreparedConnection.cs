using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ResidentInsurance.Persistence.Sqlite;

/// <summary>
/// A connection of the hot path (the writer's, or one of the readers'), opened with the store's pragmas, that keeps its
/// statements prepared: parameters are positional, <c>@p0</c>, <c>@p1</c>, … in the order given. Used by one caller at
/// a time. At most <see cref="MaxStatements"/> texts are kept; past that a statement is prepared for its one use.
/// <see cref="Execute"/> and <see cref="Scalar"/> bind text, integers, booleans and nulls straight through SQLite's API
/// (Microsoft.Data.Sqlite made a parameter binder object for every value bound: the largest allocation of a season
/// after strings); any other value, and every query, goes through Microsoft.Data.Sqlite as before. Errors are
/// Microsoft.Data.Sqlite's own <see cref="SqliteException"/>, and a busy database is waited for as its commands do.
/// </summary>
internal sealed class PreparedConnection : IDisposable
{
    private const int MaxStatements = 64;
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, sqlite3_stmt?> _statements = new(StringComparer.Ordinal); // null: more than one statement

    /// <summary>How long a statement waits for a busy database in all, as a Microsoft.Data.Sqlite command does by default.</summary>
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    public PreparedConnection(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        using var pragmas = _connection.CreateCommand();
        pragmas.CommandText = SqlitePragmas.Statements;
        pragmas.ExecuteNonQuery();
    }

    /// <summary>Runs a statement; for an INSERT, UPDATE or DELETE, the rows it changed.</summary>
    public int Execute(string sql, params object?[] values) =>
        Direct(sql, values) is { } statement ? Step(statement, sql, values, scalar: false, out _) : Run(sql, values, static command => command.ExecuteNonQuery());

    /// <summary>The first column of the first row, or null.</summary>
    public object? Scalar(string sql, params object?[] values)
    {
        if (Direct(sql, values) is { } statement)
        {
            Step(statement, sql, values, scalar: true, out var first);
            return first;
        }

        return Run(sql, values, static command => command.ExecuteScalar() is var value && value is DBNull ? null : value);
    }

    /// <summary>
    /// The statement prepared for the text, when every value binds directly and the text is one statement; null to go
    /// through Microsoft.Data.Sqlite.
    /// </summary>
    private sqlite3_stmt? Direct(string sql, object?[] values)
    {
        foreach (var value in values)
        {
            if (value is not (null or DBNull or string or long or int or bool))
            {
                return null;
            }
        }

        if (_statements.TryGetValue(sql, out var known))
        {
            return known;
        }

        if (_statements.Count >= MaxStatements)
        {
            return null;
        }

        var db = _connection.Handle;
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, sql, out var statement, out var tail), db);
        if (!string.IsNullOrWhiteSpace(tail))
        {
            // Only SQLite's first statement would run: the text goes through Microsoft.Data.Sqlite, every time.
            statement.Dispose();
            statement = null;
        }

        _statements[sql] = statement;
        return statement;
    }

    private int Step(sqlite3_stmt statement, string sql, object?[] values, bool scalar, out object? first)
    {
        var db = _connection.Handle;
        first = null;
        try
        {
            for (var i = 0; i < values.Length; i++)
            {
                var rc = values[i] switch
                {
                    null or DBNull => raw.sqlite3_bind_null(statement, i + 1),
                    string text => raw.sqlite3_bind_text(statement, i + 1, text),
                    long number => raw.sqlite3_bind_int64(statement, i + 1, number),
                    int number => raw.sqlite3_bind_int64(statement, i + 1, number),
                    bool flag => raw.sqlite3_bind_int64(statement, i + 1, flag ? 1 : 0),
                    _ => throw new UnreachableException($"{values[i]!.GetType()} does not bind directly ({sql})"),
                };
                SqliteException.ThrowExceptionForRC(rc, db);
            }

            var waited = Stopwatch.StartNew();
            int step;
            while ((step = raw.sqlite3_step(statement)) is raw.SQLITE_BUSY or raw.SQLITE_LOCKED && waited.Elapsed < BusyTimeout)
            {
                raw.sqlite3_reset(statement);
                Thread.Sleep(1);
            }

            if (step == raw.SQLITE_ROW && scalar)
            {
                first = Column(statement);
                return -1;
            }

            while (step == raw.SQLITE_ROW)
            {
                step = raw.sqlite3_step(statement);
            }

            SqliteException.ThrowExceptionForRC(step == raw.SQLITE_DONE ? raw.SQLITE_OK : step, db);
            return raw.sqlite3_stmt_readonly(statement) != 0 ? -1 : raw.sqlite3_changes(db);
        }
        finally
        {
            raw.sqlite3_reset(statement);
            raw.sqlite3_clear_bindings(statement);
        }
    }

    /// <summary>The first column of the current row as Microsoft.Data.Sqlite reads it (NULL as null).</summary>
    private static object? Column(sqlite3_stmt statement) => raw.sqlite3_column_type(statement, 0) switch
    {
        raw.SQLITE_INTEGER => raw.sqlite3_column_int64(statement, 0),
        raw.SQLITE_FLOAT => raw.sqlite3_column_double(statement, 0),
        raw.SQLITE_TEXT => raw.sqlite3_column_text(statement, 0).utf8_to_string(),
        raw.SQLITE_BLOB => raw.sqlite3_column_blob(statement, 0).ToArray(),
        _ => null,
    };

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
        foreach (var statement in _statements.Values)
        {
            statement?.Dispose();
        }

        _statements.Clear();
        _connection.Dispose();
    }
}
