using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ResidentInsurance.Engine.Definitions;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Model;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Policy;

namespace ResidentInsurance.Engine.Tests.Support;

/// <summary>The engine as the host composes it, on the in-memory store, with a fake clock.</summary>
internal sealed class EngineHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2021, 2, 10, 2, 0, 0, TimeSpan.Zero);

    public EngineHarness(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IPolicyResources>(Resources);
        configure?.Invoke(services);
        services.AddResidentInsurancePolicy();
        services.AddResidentInsuranceEngine(o => o.RunBackgroundServices = false);
        Services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    public TestPolicyResources Resources { get; } = new();

    public ServiceProvider Services { get; }

    public WorkflowRuntime Runtime => Services.GetRequiredService<WorkflowRuntime>();

    public DefinitionService Definitions => Services.GetRequiredService<DefinitionService>();

    public IInstanceStore Instances => Services.GetRequiredService<IInstanceStore>();

    public static Provenance ByTest => new(Provenance.Api, "test", Start);

    public Task<DefinitionVersion> PublishAsync(WorkflowDefinition definition) => Definitions.SaveAndPublishAsync(definition, ByTest);

    public Task<RunResult> StartAsync(string definitionId, JsonObject? input = null, RunOptions? options = null) =>
        Runtime.StartAsync(new StartWorkflowRequest(definitionId) { Input = input, Options = options ?? RunOptions.Default });

    public async Task<RunResult> RunAsync(WorkflowDefinition definition, JsonObject? input = null)
    {
        await PublishAsync(definition);
        return await StartAsync(definition.DefinitionId, input);
    }

    public Task<WorkflowInstance?> ReloadAsync(string instanceId) => Instances.FindInstanceAsync(instanceId);

    public Task<IReadOnlyList<Bookmark>> BookmarksAsync(string instanceId) => Instances.ListBookmarksAsync(instanceId);

    public static JsonArray WrittenLines(WorkflowInstance instance) => instance.Variables["__writeLine"] as JsonArray ?? [];

    public static List<string> Lines(WorkflowInstance instance) => WrittenLines(instance).Select(n => n!.GetValue<string>()).ToList();

    /// <summary>Asserts the status, showing the incidents when it differs.</summary>
    public static void AssertStatus(WorkflowStatus expected, WorkflowInstance instance) =>
        Assert.True(expected == instance.Status,
            $"expected {expected}, was {instance.Status}; incidents: {string.Join(" | ", instance.Incidents.Select(i => $"{i.ActivityId} {i.Kind}: {i.Message}"))}");

    public void Dispose() => Services.Dispose();
}
