using ResidentInsurance.Engine.Runtime;

namespace ResidentInsurance.Engine.Definitions;

/// <summary>No scripts and no parameters: the default until a region source is registered.</summary>
public sealed class NullPolicyResources : IPolicyResources
{
    public ValueTask<string?> GetScriptAsync(string tenantId, string name, CancellationToken ct = default) => ValueTask.FromResult<string?>(null);

    public ValueTask<string?> GetParametersAsync(string tenantId, CancellationToken ct = default) => ValueTask.FromResult<string?>(null);
}
