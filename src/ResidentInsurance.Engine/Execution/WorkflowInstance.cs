using System.Text.Json.Nodes;

namespace ResidentInsurance.Engine.Execution;

/// <summary>
/// A running or ended workflow. It records the definition <b>version</b> it started on and always
/// finishes on it. <see cref="Revision"/> is the concurrency token: every commit increments it, and a
/// commit made against a stale revision is refused.
/// </summary>
public sealed class WorkflowInstance
{
    public string Id { get; set; } = "";

    public string DefinitionId { get; set; } = "";

    /// <summary>The id of the exact definition version (Elsa's <c>id</c>).</summary>
    public string DefinitionVersionId { get; set; } = "";

    public int Version { get; set; }

    /// <summary>The region code.</summary>
    public string TenantId { get; set; } = "";

    public string? CorrelationId { get; set; }

    public WorkflowStatus Status { get; set; } = WorkflowStatus.Running;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public long Revision { get; set; }

    public JsonObject Input { get; set; } = [];

    public JsonObject Variables { get; set; } = [];

    /// <summary>Tokens that reached a join and wait for the others: join activity id → source activity ids.</summary>
    public Dictionary<string, List<string>> JoinArrivals { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Activities to run again on retry (the ones that faulted).</summary>
    public List<string> PendingActivities { get; set; } = [];

    public List<Incident> Incidents { get; set; } = [];

    /// <summary>The last journal sequence number written for this instance.</summary>
    public long JournalSequence { get; set; }

    public WorkflowInstance Clone() => new()
    {
        Id = Id,
        DefinitionId = DefinitionId,
        DefinitionVersionId = DefinitionVersionId,
        Version = Version,
        TenantId = TenantId,
        CorrelationId = CorrelationId,
        Status = Status,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        FinishedAt = FinishedAt,
        Revision = Revision,
        Input = (JsonObject)Input.DeepClone(),
        Variables = (JsonObject)Variables.DeepClone(),
        JoinArrivals = JoinArrivals.ToDictionary(p => p.Key, p => p.Value.ToList(), StringComparer.Ordinal),
        PendingActivities = [.. PendingActivities],
        Incidents = [.. Incidents],
        JournalSequence = JournalSequence,
    };
}
