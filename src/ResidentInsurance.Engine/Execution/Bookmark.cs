using System.Text.Json.Nodes;

namespace ResidentInsurance.Engine.Execution;

/// <summary>
/// A point where an instance waits. Found by id, or by (<see cref="Name"/>, <see cref="CorrelationKey"/>)
/// — e.g. ("tax.payment-notice", "520102198503150016/2021"). Consumed in the same transaction as the
/// state change it causes.
/// </summary>
public sealed record Bookmark
{
    public required string Id { get; init; }

    public required string InstanceId { get; init; }

    public required string TenantId { get; init; }

    public required string ActivityId { get; init; }

    public string? ActivityNodeId { get; init; }

    public required string ActivityType { get; init; }

    /// <summary>The event name the bookmark waits for (for tasks: ResidentInsurance.DepartmentTask).</summary>
    public required string Name { get; init; }

    public string? CorrelationKey { get; init; }

    /// <summary>For timers: when the bookmark falls due.</summary>
    public DateTimeOffset? ResumeAt { get; init; }

    /// <summary>What the activity needs when it resumes (a task's department, form and outcomes).</summary>
    public JsonObject? Payload { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>
/// What identifies an open bookmark, without its payload: a list that keeps what it read of each payload by
/// <see cref="Id"/> (a bookmark never changes once written) asks only for these.
/// </summary>
public sealed record BookmarkHead(string Id, string InstanceId, string TenantId, string? CorrelationKey);
