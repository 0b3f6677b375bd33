namespace ResidentInsurance.Simulation;

/// <summary>The case names a region the platform does not know (exit 2, HTTP 404).</summary>
public sealed class UnknownRegionException(string region) : Exception($"region: unknown region '{region}'")
{
    public string Region { get; } = region;
}

/// <summary>The region has no published definition for the action (exit 3).</summary>
public sealed class NoPublishedDefinitionException(string region, string definitionId)
    : Exception($"region '{region}' has no published definition '{definitionId}'")
{
    public string DefinitionId { get; } = definitionId;
}

/// <summary>The definition ran but did not produce a contract result (a fault, or no policyResult variable).</summary>
public sealed class SimulationFailedException(string message) : Exception(message);
