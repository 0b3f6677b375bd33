using System.Text.Json.Nodes;

namespace ResidentInsurance.Engine.Execution;

/// <summary>
/// An event a workflow published (<c>ResidentInsurance.PublishEvent</c>: entitlement recorded, subsidy paid back,
/// enrollment ended …), kept for good in the same transaction as the step that published it. The outbox
/// delivers it to other departments and is emptied; the records stay — the inbox, the residents' view and
/// the campaign figures read these, so no second counter can drift from what the workflows did.
/// </summary>
public sealed record WorkflowRecord(
    long Sequence,
    string TenantId,
    string EventName,
    string? CorrelationKey,
    string? InstanceId,
    JsonObject Payload,
    DateTimeOffset RecordedAt)
{
    /// <summary>The outbox message type of a published workflow event.</summary>
    public const string MessageType = "ResidentInsurance.WorkflowEvent";

    /// <summary>The record an outbox message carries, or null for other messages (tasks …).</summary>
    public static WorkflowRecord? From(OutboxMessage message)
    {
        if (message.Type != MessageType || message.Payload["eventName"]?.GetValue<string>() is not { } eventName)
        {
            return null;
        }

        return new WorkflowRecord(0, message.TenantId, eventName, message.Payload["correlationKey"]?.GetValue<string>(), message.InstanceId,
            message.Payload["payload"] as JsonObject ?? [], message.CreatedAt);
    }
}

/// <summary>Which records: a region, an event name, a correlation key prefix (an ID number + '/'), after a sequence.</summary>
public sealed record RecordQuery(string? TenantId = null, string? EventName = null, string? CorrelationKeyPrefix = null, long AfterSequence = 0, int Take = 1000);
