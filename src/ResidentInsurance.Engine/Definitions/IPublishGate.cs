using ResidentInsurance.Engine.Runtime;

namespace ResidentInsurance.Engine.Definitions;

/// <summary>
/// A check a version must pass before it is published (e.g. the region's policy case files run
/// against the draft). Problems block publication and are shown to the administrator.
/// </summary>
public interface IPublishGate
{
    Task<IReadOnlyList<string>> CheckAsync(DefinitionVersion candidate, CancellationToken ct);
}

/// <summary>Publication refused by a gate; <see cref="Problems"/> says why.</summary>
public sealed class PublishRefusedException(string definitionId, IReadOnlyList<string> problems)
    : Exception($"publishing {definitionId} was refused: " + string.Join("; ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
