using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ResidentInsurance.Engine;
using ResidentInsurance.Engine.Definitions;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Policy;

namespace ResidentInsurance.Persistence.Tests.Support;

/// <summary>
/// The engine composed as the host does, on a real database: one SQLite file per test (or PostgreSQL).
/// Disposing it and building another on the same database is a process restart.
/// </summary>
internal sealed class StoreHost : IDisposable
{
    public StoreHost(PersistenceOptions database, FakeTimeProvider clock, string? workflows = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddResidentInsurancePersistence(o => { o.Provider = database.Provider; o.ConnectionString = database.ConnectionString; });
        services.AddResidentInsurancePolicy();
        services.AddResidentInsuranceEngine(o => { o.RunBackgroundServices = false; o.WorkflowsDirectory = workflows; });
        Services = services.BuildServiceProvider();
    }

    public ServiceProvider Services { get; }

    public WorkflowRuntime Runtime => Services.GetRequiredService<WorkflowRuntime>();

    public DefinitionService Definitions => Services.GetRequiredService<DefinitionService>();

    public IInstanceStore Instances => Services.GetRequiredService<IInstanceStore>();

    public IDefinitionStore DefinitionStore => Services.GetRequiredService<IDefinitionStore>();

    public WorkflowDirectoryLoader Loader => Services.GetRequiredService<WorkflowDirectoryLoader>();

    public void Dispose() => Services.Dispose();
}

/// <summary>A fresh SQLite file in a temporary folder, removed afterwards.</summary>
internal sealed class SqliteFile : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ri-store-");

    public string Path => System.IO.Path.Combine(_folder.FullName, "workflows.db");

    public PersistenceOptions Options => new() { Provider = StoreProvider.Sqlite, ConnectionString = $"Data Source={Path}" };

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
