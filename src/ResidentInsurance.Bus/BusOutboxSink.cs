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
    }

    private static string? Text(System.Text.Json.Nodes.JsonNode? node) => node is System.Text.Json.Nodes.JsonValue v ? v.ToString() : null;
}
