using ResidentInsurance.Engine.Runtime;

namespace ResidentInsurance.Engine.Tests.Support;

/// <summary>Editable policy resources held in memory: what an administrator would change between versions.</summary>
internal sealed class TestPolicyResources : IPolicyResources
{
    public Dictionary<string, string> Scripts { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Parameters { get; } = new(StringComparer.Ordinal);

    public ValueTask<string?> GetScriptAsync(string tenantId, string name, CancellationToken ct = default) =>
        ValueTask.FromResult(Scripts.GetValueOrDefault($"{tenantId}/{name}") ?? Scripts.GetValueOrDefault(name));

    public ValueTask<string?> GetParametersAsync(string tenantId, CancellationToken ct = default) =>
        ValueTask.FromResult(Parameters.GetValueOrDefault(tenantId));
}
