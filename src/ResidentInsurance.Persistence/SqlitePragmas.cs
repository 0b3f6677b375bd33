using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ResidentInsurance.Persistence;

/// <summary>Every SQLite connection: full durability (data on disk at commit) and a wait for the writer lock.</summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    /// <summary>The statements every connection of the store runs first (EF Core's and the hot path's alike).</summary>
    public const string Statements = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Statements;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Statements;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
