namespace ResidentInsurance.Engine.Runtime;

/// <summary>
/// One stored version of a workflow definition: the Elsa JSON as saved, its lifecycle flags, where it
/// came from, and the policy resources it pins. A published version never changes.
/// </summary>
public sealed record DefinitionVersion
{
    public required string Id { get; init; }

    public required string DefinitionId { get; init; }

    public required string TenantId { get; init; }

    public string? Name { get; init; }

    public required int Version { get; init; }

    public bool IsLatest { get; init; }

    public bool IsPublished { get; init; }

    /// <summary>The definition document (Elsa 3 JSON), flags and version written in.</summary>
    public required string Json { get; init; }

    /// <summary>SHA-256 of the normalised document without lifecycle fields: equal hash, equal content.</summary>
    public required string ContentHash { get; init; }

    public required Provenance Provenance { get; init; }

    public PolicyPins Pins { get; init; } = PolicyPins.None;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>True for a version that was published once and later retracted.</summary>
    public bool IsRetracted { get; init; }

    public DefinitionVersionHead Head => new(Id, DefinitionId, TenantId, Version, IsLatest, IsPublished, IsRetracted, PublishedAt);
}

/// <summary>A version's identity and lifecycle flags without its document: what choosing a version to start needs.</summary>
public sealed record DefinitionVersionHead(
    string Id,
    string DefinitionId,
    string TenantId,
    int Version,
    bool IsLatest,
    bool IsPublished,
    bool IsRetracted,
    DateTimeOffset? PublishedAt);

/// <summary>
/// Where a version came from: a file (path + content hash), an administrator in the designer, a clone
/// of another region's definition, or the API.
/// </summary>
public sealed record Provenance(
    string Kind,
    string? By,
    DateTimeOffset At,
    string? FilePath = null,
    string? FileHash = null,
    string? SourceTenantId = null,
    string? SourceDefinitionId = null,
    int? SourceVersion = null)
{
    public const string File = "file";
    public const string Designer = "designer";
    public const string Cloned = "clone";
    public const string Api = "api";
}

/// <summary>
/// The policy resources a version runs with, by content hash: script name → hash, and the region's
/// parameter document. Running instances and simulations of the version read exactly these.
/// </summary>
public sealed record PolicyPins(IReadOnlyDictionary<string, string> Scripts, string? ParametersHash)
{
    public static PolicyPins None { get; } = new(new Dictionary<string, string>(), null);
}

/// <summary>Immutable text stored by its SHA-256 hash (policy scripts, parameter documents).</summary>
public sealed record ContentBlob(string Hash, string Kind, string Text);

/// <summary>The last import of a file from <c>workflows/</c>: compared with the file, never with the latest version.</summary>
public sealed record FileImport(string Path, string FileHash, string DefinitionId, int Version, DateTimeOffset ImportedAt);
