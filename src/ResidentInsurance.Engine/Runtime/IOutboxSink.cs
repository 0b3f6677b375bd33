using ResidentInsurance.Engine.Execution;

namespace ResidentInsurance.Engine.Runtime;

/// <summary>Where outbox messages go after commit (the bus, the inbox projection, local event routing).</summary>
public interface IOutboxSink
{
    Task SendAsync(OutboxMessage message, CancellationToken ct);
}
