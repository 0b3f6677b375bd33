using Microsoft.Data.Sqlite;
using ResidentInsurance.Persistence.Access;
using static ResidentInsurance.Persistence.Sqlite.ReadStatements;

namespace ResidentInsurance.Persistence.Sqlite;

/// <summary>
/// What every request and every task completion asks of the access tables, on the SQLite hot path: the account of an
/// API key (prepared read), and a task's claim — taken and given back inside the <see cref="SqliteWriter"/>'s
/// transaction, so the check and the write are one step and a claim never waits on SQLite's busy handler behind
/// the writer's batches.
/// </summary>
internal static class AccessStatements
{
    public static AccountRow? AccountByApiKeyHash(SqliteReaders db, string apiKeyHash) => db.Query(
        "SELECT UserName, DisplayName, Region, Department, Role, PasswordHash, ApiKeyHash, Town FROM accounts WHERE ApiKeyHash = @p0",
        r => new AccountRow
        {
            UserName = r.GetString(0),
            DisplayName = r.GetString(1),
            Region = Text(r, 2),
            Department = Text(r, 3),
            Role = r.GetString(4),
            PasswordHash = r.GetString(5),
            ApiKeyHash = Text(r, 6),
            Town = Text(r, 7),
        },
        apiKeyHash).FirstOrDefault();

    /// <summary>Takes the claim unless someone holds it; the claim that holds afterwards.</summary>
    public static TaskClaimRow Claim(PreparedConnection db, string taskId, string userName, long at)
    {
        db.Execute("INSERT INTO task_claims (TaskId, ClaimedBy, ClaimedAt) VALUES (@p0, @p1, @p2) ON CONFLICT (TaskId) DO NOTHING", taskId, userName, at);
        return db.Query("SELECT TaskId, ClaimedBy, ClaimedAt FROM task_claims WHERE TaskId = @p0", ReadClaim, taskId)[0];
    }

    /// <summary>True when <paramref name="userName"/> held the claim and gave it back.</summary>
    public static bool Release(PreparedConnection db, string taskId, string userName) =>
        db.Execute("DELETE FROM task_claims WHERE TaskId = @p0 AND ClaimedBy = @p1", taskId, userName) > 0;

    /// <summary>The claims held on any of <paramref name="taskIds"/>, in one prepared statement whatever their number.</summary>
    public static List<TaskClaimRow> Claims(SqliteReaders db, IReadOnlyCollection<string> taskIds) => db.Query(
        "SELECT TaskId, ClaimedBy, ClaimedAt FROM task_claims WHERE TaskId IN (SELECT value FROM json_each(@p0))",
        ReadClaim,
        System.Text.Json.JsonSerializer.Serialize(taskIds));

    private static TaskClaimRow ReadClaim(SqliteDataReader r) => new() { TaskId = r.GetString(0), ClaimedBy = r.GetString(1), ClaimedAt = r.GetInt64(2) };
}
