using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Execution;

namespace ResidentInsurance.Engine.Runtime;

/// <summary>Starts an instance of a definition: the published version by default, or an exact version id (a draft too).</summary>
public sealed record StartWorkflowRequest(string DefinitionId)
{
    public string? VersionId { get; init; }

    /// <summary>
    /// A version not stored yet — a draft checked by a publish gate — to run as a dry run. Only with
    /// <see cref="RunOptions.DryRun"/>: nothing of it is written.
    /// </summary>
    public DefinitionVersion? Candidate { get; init; }

    public VersionOptions VersionOptions { get; init; } = VersionOptions.Published;

    public JsonObject? Input { get; init; }

    /// <summary>
    /// Starts at most one instance per definition and correlation id (a registration's "ID number/year"): a
    /// repeated start — a client retrying after a lost answer — gets the existing instance back.
    /// </summary>
    public string? CorrelationId { get; init; }

    public RunOptions Options { get; init; } = RunOptions.Default;
}

/// <summary>
/// Resumes by bookmark id, or by (event name, correlation key) within a region. The idempotency key is
/// required: a second resume with the same key is "already handled".
/// </summary>
public sealed record ResumeRequest
{
    public string? BookmarkId { get; init; }

    public string? EventName { get; init; }

    public string? CorrelationKey { get; init; }

    public string? TenantId { get; init; }

    public required string IdempotencyKey { get; init; }

    public JsonObject? Payload { get; init; }

    public static ResumeRequest ForBookmark(string bookmarkId, string idempotencyKey, JsonObject? payload = null) =>
        new() { BookmarkId = bookmarkId, IdempotencyKey = idempotencyKey, Payload = payload };

    public static ResumeRequest ForEvent(string tenantId, string eventName, string? correlationKey, string idempotencyKey, JsonObject? payload = null) =>
        new() { TenantId = tenantId, EventName = eventName, CorrelationKey = correlationKey, IdempotencyKey = idempotencyKey, Payload = payload };
}

/// <summary>The answer to a resume: resumed, already handled (same key seen), parked (kept for its bookmark or for review), or no match.</summary>
public enum ResumeOutcome
{
    Resumed,
    AlreadyHandled,
    Parked,
    NoMatch,
}

public sealed record ResumeResult(ResumeOutcome Outcome, string? InstanceId = null, WorkflowStatus? Status = null, string? Message = null);

/// <summary>What a run left behind: the instance, its live bookmarks, and this run's journal and messages.</summary>
public sealed record RunResult(
    WorkflowInstance Instance,
    IReadOnlyList<Bookmark> Bookmarks,
    IReadOnlyList<JournalEntry> Journal,
    IReadOnlyList<OutboxMessage> Outbox)
{
    /// <summary>True when a start named a correlation id already started: the existing instance is answered, nothing ran.</summary>
    public bool AlreadyStarted { get; init; }
}

/// <summary>Which version of a definition to use.</summary>
public enum VersionOptions
{
    Published,
    Latest,
    LatestOrPublished,
    Draft,
}

/// <summary>The definition (or the requested version of it) does not exist.</summary>
public sealed class WorkflowNotFoundException(string message) : Exception(message);

/// <summary>The instance does not exist or is not in a state for the operation.</summary>
public sealed class InstanceStateException(string message) : Exception(message);
