using System.Text.Json.Nodes;

namespace ResidentInsurance.Engine.Execution;

/// <summary>
/// A message to other departments, written in the same transaction as the state change that caused it
/// and sent after commit. <see cref="Type"/> is a stable message name (ResidentInsurance.TaskCreated …).
/// </summary>
public sealed record OutboxMessage(
    string Id,
    string Type,
    string TenantId,
    string? InstanceId,
    JsonObject Payload,
    DateTimeOffset CreatedAt);
