namespace ResidentInsurance.Engine.Runtime;

/// <summary>
/// The editable policy resources of a region — script texts by name and the region's parameter
/// document. Read when a version is saved or published, and pinned into it by content hash.
/// </summary>
public interface IPolicyResources
{
    ValueTask<string?> GetScriptAsync(string tenantId, string name, CancellationToken ct = default);

    /// <summary>The region's parameter document (JSON text), or null when the region has none.</summary>
    ValueTask<string?> GetParametersAsync(string tenantId, CancellationToken ct = default);
}
