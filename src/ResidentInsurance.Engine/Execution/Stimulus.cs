using System.Text.Json.Nodes;

namespace ResidentInsurance.Engine.Execution;

/// <summary>
/// A durable record of something that arrived to resume a workflow (a payment notice, a task completion).
/// <see cref="Key"/> is unique (the tax transaction id, a task completion key): a second arrival with the
/// same key is already handled. A stimulus with no bookmark yet stays <see cref="StimulusStatus.Pending"/>
/// and is matched when its bookmark appears; nothing is dropped.
/// </summary>
public sealed record Stimulus
{
    public required string Id { get; init; }

    public required string Key { get; init; }

    public required string Name { get; init; }

    public string? CorrelationKey { get; init; }

    public string? BookmarkId { get; init; }

    public required string TenantId { get; init; }

    public JsonObject? Payload { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    public StimulusStatus Status { get; init; }

    public string? ConsumedByInstanceId { get; init; }

    public DateTimeOffset? ConsumedAt { get; init; }
}

public enum StimulusStatus
{
    /// <summary>Kept, waiting for its bookmark; listed for review.</summary>
    Pending,
    /// <summary>Resumed a workflow.</summary>
    Consumed,
}
