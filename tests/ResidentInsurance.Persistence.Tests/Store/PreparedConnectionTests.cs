using Microsoft.Data.Sqlite;
using ResidentInsurance.Persistence.Sqlite;
using ResidentInsurance.Persistence.Tests.Support;

namespace ResidentInsurance.Persistence.Tests.Store;

/// <summary>
/// The hot path's statements bind text, integers, booleans and nulls through SQLite's API and everything else through
/// Microsoft.Data.Sqlite: callers must see the same counts, values and errors either way.
/// </summary>
public sealed class PreparedConnectionTests : IDisposable
{
    private readonly SqliteFile _file = new();
    private readonly PreparedConnection _db;

    public PreparedConnectionTests()
    {
        _db = new PreparedConnection($"Data Source={_file.Path}");
        _db.Execute("CREATE TABLE t (Id TEXT PRIMARY KEY, N INTEGER, Flag INTEGER, Note TEXT, Amount REAL, At TEXT)");
    }

    [Fact]
    public void Changed_rows_are_counted_inside_a_transaction_and_values_read_back_by_type()
    {
        _db.Execute("BEGIN IMMEDIATE");
        Assert.Equal(1, _db.Execute("INSERT INTO t (Id, N, Flag, Note) VALUES (@p0, @p1, @p2, @p3)", "a", 5L, true, null));
        Assert.Equal(1, _db.Execute("INSERT INTO t (Id, N, Flag, Note) VALUES (@p0, @p1, @p2, @p3)", "b", 7, false, "说明"));
        _db.Execute("SAVEPOINT unit");
        Assert.Equal(2, _db.Execute("UPDATE t SET N = N + @p0", 1L));
        Assert.Equal(0, _db.Execute("UPDATE t SET N = 0 WHERE Id = @p0", "missing"));
        _db.Execute("RELEASE unit");
        _db.Execute("COMMIT");

        Assert.Equal(6L, _db.Scalar("SELECT N FROM t WHERE Id = @p0", "a"));
        Assert.Equal(1L, _db.Scalar("SELECT Flag FROM t WHERE Id = @p0", "a"));
        Assert.Null(_db.Scalar("SELECT Note FROM t WHERE Id = @p0", "a"));
        Assert.Equal("说明", _db.Scalar("SELECT Note FROM t WHERE Id = @p0", "b"));
        Assert.Null(_db.Scalar("SELECT N FROM t WHERE Id = @p0", "missing"));
        Assert.Equal(2L, _db.Scalar("SELECT COUNT(*) FROM t"));
    }

    [Fact]
    public void Values_of_other_types_bind_as_Microsoft_Data_Sqlite_binds_them()
    {
        var at = new DateTimeOffset(2024, 1, 1, 8, 0, 0, TimeSpan.FromHours(8));

        Assert.Equal(1, _db.Execute("INSERT INTO t (Id, Amount, At) VALUES (@p0, @p1, @p2)", "c", 12.5, at));

        Assert.Equal(12.5, _db.Scalar("SELECT Amount FROM t WHERE Id = @p0", "c"));
        Assert.Equal("2024-01-01 08:00:00+08:00", _db.Scalar("SELECT At FROM t WHERE Id = @p0", "c"));
    }

    [Fact]
    public void A_unique_key_refused_is_a_constraint_error_and_the_statement_runs_again()
    {
        _db.Execute("INSERT INTO t (Id) VALUES (@p0)", "a");

        var refused = Assert.Throws<SqliteException>(() => _db.Execute("INSERT INTO t (Id) VALUES (@p0)", "a"));

        Assert.Equal(19, refused.SqliteErrorCode);
        Assert.Contains("UNIQUE constraint failed: t.Id", refused.Message);
        Assert.Equal(1, _db.Execute("INSERT INTO t (Id) VALUES (@p0)", "b"));
    }

    [Fact]
    public void A_text_of_two_statements_runs_both_every_time()
    {
        const string two = "INSERT INTO t (Id) VALUES (@p0); INSERT INTO t (Id) VALUES (@p0 || '-copy')";

        _db.Execute(two, "a");
        _db.Execute(two, "b");

        Assert.Equal(4L, _db.Scalar("SELECT COUNT(*) FROM t"));
        Assert.Equal("b-copy", _db.Scalar("SELECT Id FROM t WHERE Id = @p0", "b-copy"));
    }

    [Fact]
    public void A_statement_that_does_not_parse_names_the_problem()
    {
        var error = Assert.Throws<SqliteException>(() => _db.Execute("INSERT INTO nowhere (Id) VALUES (@p0)", "a"));

        Assert.Contains("no such table: nowhere", error.Message);
    }

    public void Dispose()
    {
        _db.Dispose();
        _file.Dispose();
    }
}
