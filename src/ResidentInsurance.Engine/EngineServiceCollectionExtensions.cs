using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ResidentInsurance.Engine.Activities;
using ResidentInsurance.Engine.Activities.Elsa;
using ResidentInsurance.Engine.Activities.Policy;
using ResidentInsurance.Engine.Clock;
using ResidentInsurance.Engine.Definitions;
using ResidentInsurance.Engine.Descriptors;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Engine.Serialization;

namespace ResidentInsurance.Engine;

public static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the engine: activity library, runtime, definition lifecycle, loader, clock and ids, and
    /// in-memory stores unless a persistence project registered its own. An <c>IScriptEvaluator</c>
    /// (ResidentInsurance.Policy) must be registered too.
    /// </summary>
    public static IServiceCollection AddResidentInsuranceEngine(this IServiceCollection services, Action<EngineOptions>? configure = null)
    {
        var options = services.AddOptions<EngineOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IIdGenerator, SequentialIdGenerator>();
        services.TryAddSingleton<InMemoryWorkflowStore>();
        services.TryAddSingleton<IDefinitionStore>(sp => sp.GetRequiredService<InMemoryWorkflowStore>());
        services.TryAddSingleton<IInstanceStore>(sp => sp.GetRequiredService<InMemoryWorkflowStore>());
        services.TryAddSingleton<IPolicyResources>(sp =>
            sp.GetRequiredService<IOptions<EngineOptions>>().Value.WorkflowsDirectory is { } dir
                ? new DirectoryPolicyResources(dir)
                : new NullPolicyResources());
        services.TryAddSingleton<IOutboxSignal, OutboxSignal>();

        foreach (var activity in BuiltInActivities())
        {
            services.AddSingleton(typeof(WorkflowActivity), activity);
        }

        services.TryAddSingleton<ActivityRegistry>();
        services.TryAddSingleton<DefinitionValidator>();
        services.TryAddSingleton<DefinitionService>();
        services.TryAddSingleton<WorkflowRuntime>();
        services.TryAddSingleton<WorkflowDirectoryLoader>();
        services.TryAddSingleton<OutboxDispatcher>();
        services.TryAddSingleton<TimerScheduler>();
        services.TryAddSingleton<WorkflowImportHostedService>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkflowImportHostedService>());
        services.AddHostedService(sp => new OptionalHostedService(sp.GetRequiredService<IOptions<EngineOptions>>(), sp.GetRequiredService<TimerScheduler>()));
        services.AddHostedService(sp => new OptionalHostedService(sp.GetRequiredService<IOptions<EngineOptions>>(), sp.GetRequiredService<OutboxDispatcher>()));
        return services;
    }

    /// <summary>The activity classes the engine ships.</summary>
    public static IReadOnlyList<Type> BuiltInActivities() =>
    [
        typeof(StartActivity), typeof(EndActivity), typeof(FlowDecisionActivity), typeof(FlowSwitchActivity),
        typeof(SetVariableActivity), typeof(WriteLineActivity), typeof(FlowForkActivity), typeof(FlowJoinActivity),
        typeof(DelayActivity), typeof(StartAtActivity), typeof(TimerActivity), typeof(FaultActivity),
        typeof(EvaluatePolicyActivity), typeof(DepartmentTaskActivity), typeof(WaitForEventActivity), typeof(PublishEventActivity),
    ];

    /// <summary>Runs a background service only when <see cref="EngineOptions.RunBackgroundServices"/> is on.</summary>
    private sealed class OptionalHostedService(IOptions<EngineOptions> options, BackgroundService inner) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) =>
            options.Value.RunBackgroundServices ? inner.StartAsync(cancellationToken) : Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) =>
            options.Value.RunBackgroundServices ? inner.StopAsync(cancellationToken) : Task.CompletedTask;
    }
}
