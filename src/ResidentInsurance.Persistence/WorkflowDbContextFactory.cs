using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ResidentInsurance.Persistence;

/// <summary>Makes contexts for the configured provider; applies migrations once, and WAL mode on SQLite.</summary>
public sealed class WorkflowDbContextFactory
{
    private readonly PersistenceOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _ready;

    public WorkflowDbContextFactory(PersistenceOptions options)
    {
        _options = options;
        if (options.Provider == StoreProvider.Sqlite)
        {
            var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(directory) && builder.DataSource != ":memory:")
            {
                Directory.CreateDirectory(directory);
            }
        }
    }

    public StoreProvider Provider => _options.Provider;

    internal string ConnectionString => _options.ConnectionString;

    // Built once: EF Core caches its internal services and compiled queries per options, so new options (or a new
    // interceptor instance) per context would rebuild them on every operation.
    private DbContextOptions<PostgresWorkflowDbContext>? _postgres;
    private DbContextOptions<SqliteWorkflowDbContext>? _sqlite;

    public WorkflowDbContext Create() => _options.Provider switch
    {
        StoreProvider.PostgreSql => new PostgresWorkflowDbContext(_postgres ??= new DbContextOptionsBuilder<PostgresWorkflowDbContext>()
            .UseNpgsql(_options.ConnectionString).Options),
        _ => new SqliteWorkflowDbContext(_sqlite ??= new DbContextOptionsBuilder<SqliteWorkflowDbContext>()
            .UseSqlite(_options.ConnectionString).AddInterceptors(new SqlitePragmas()).Options),
    };

    /// <summary>A context on a migrated database (migrations applied once per process).</summary>
    public async ValueTask<WorkflowDbContext> OpenAsync(CancellationToken ct)
    {
        await EnsureReadyAsync(ct);
        return Create();
    }

    public async ValueTask EnsureReadyAsync(CancellationToken ct)
    {
        if (_ready)
        {
            return;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (_ready)
            {
                return;
            }

            await using var db = Create();
            if (_options.Provider == StoreProvider.Sqlite)
            {
                await db.Database.OpenConnectionAsync(ct);
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }

            await db.Database.MigrateAsync(ct);
            await Access.AuditChain.ChainEarlierEntriesAsync(db, ct);
            _ready = true;
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>Design-time factory for `dotnet ef migrations add … --context SqliteWorkflowDbContext`.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteWorkflowDbContext>
{
    public SqliteWorkflowDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteWorkflowDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>Design-time factory for `dotnet ef migrations add … --context PostgresWorkflowDbContext`.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresWorkflowDbContext>
{
    public PostgresWorkflowDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresWorkflowDbContext>().UseNpgsql("Host=localhost;Database=design_time").Options);
}
