using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ResidentInsurance.Engine.Runtime;

namespace ResidentInsurance.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Puts the engine's definitions and instances in a database: SQLite by default, PostgreSQL by
    /// configuration. Replaces the engine's in-memory stores whichever is registered first; migrations
    /// are applied on first use.
    /// </summary>
    public static IServiceCollection AddResidentInsurancePersistence(this IServiceCollection services, Action<PersistenceOptions>? configure = null)
    {
        var options = new PersistenceOptions();
        configure?.Invoke(options);
        services.Replace(ServiceDescriptor.Singleton(new WorkflowDbContextFactory(options)));
        services.Replace(ServiceDescriptor.Singleton<Sqlite.SqliteHotPathHolder, Sqlite.SqliteHotPathHolder>());
        services.Replace(ServiceDescriptor.Singleton<EfWorkflowStore, EfWorkflowStore>());
        services.Replace(ServiceDescriptor.Singleton<IDefinitionStore>(sp => sp.GetRequiredService<EfWorkflowStore>()));
        services.Replace(ServiceDescriptor.Singleton<IInstanceStore>(sp => sp.GetRequiredService<EfWorkflowStore>()));
        services.Replace(ServiceDescriptor.Singleton<Access.IAccessStore, Access.EfAccessStore>());
        services.Replace(ServiceDescriptor.Singleton<Regions.IRegionParameterStore, Regions.EfRegionParameterStore>());
        services.Replace(ServiceDescriptor.Singleton<Regions.IRegionCaseStore, Regions.EfRegionCaseStore>());
        services.TryAddSingleton<RecordImporter>();
        return services;
    }
}
