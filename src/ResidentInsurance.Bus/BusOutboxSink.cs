using System.Text.Json.Nodes;
using MassTransit;
using ResidentInsurance.Engine.Activities;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Runtime;

namespace ResidentInsurance.Bus;

/// <summary>
/// Sends the engine's outbox over the bus after commit: each outbox message becomes one of the stable messages.
/// A failure leaves the message in the outbox for the next attempt (the dispatcher's contract).
/// </summary>
internal sealed class BusOutboxSink(IBus bus) : IOutboxSink
{
    public async Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        var p = message.Payload;
        object? outgoing = message.Type switch
        {
            DepartmentTaskNames.CreatedMessage => new TaskCreated(message.TenantId, Text(p["taskId"]) ?? "", Text(p["department"]) ?? "", Text(p["title"]) ?? "", Text(p["deadline"]), message.InstanceId ?? ""),
            DepartmentTaskNames.CompletedMessage => new TaskCompleted(message.TenantId, Text(p["taskId"]) ?? "", Text(p["outcome"]) ?? "", Text(p["completedBy"])),
            WorkflowRecord.MessageType => new WorkflowEventPublished(message.TenantId, Text(p["eventName"]) ?? "", Text(p["correlationKey"]), message.InstanceId, p["payload"]?.ToJsonString() ?? "{}"),
            _ => null,
        };
        if (outgoing is not null)
        {
            await bus.Publish(outgoing, outgoing.GetType(), ct);
        }

        // Events other departments subscribe to by their own name, besides the generic one. Delivery stays
        // at-least-once: a failure here leaves the outbox row, and the retry publishes both again.
        if (outgoing is WorkflowEventPublished published && Specific(published, p["payload"] as JsonObject) is { } specific)
        {
            await bus.Publish(specific, specific.GetType(), ct);
        }
    }

    private static object? Specific(WorkflowEventPublished e, JsonObject? payload) => e.EventName switch
    {
        "identity.flags-updated" => new IdentityRecognised(e.Region, Text(payload?["department"]), payload?["benefitYear"] is JsonValue y && y.TryGetValue<int>(out var year) ? year : null,
            payload?["rows"]?.ToJsonString() ?? "[]", e.InstanceId),
        "enrollment.ended" or "subsidy.paid-back" or "refund.approved" => new RefundPaid(e.Region, e.CorrelationKey, e.EventName,
            payload?["refundAmountFen"] is JsonValue a && a.TryGetValue<long>(out var fen) ? fen : null, Text(payload?["refundBy"]), e.InstanceId),
        _ => null,
    };

    private static string? Text(JsonNode? node) => node is JsonValue v ? v.ToString() : null;
}
