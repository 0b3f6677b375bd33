namespace ResidentInsurance.Engine.Clock;

/// <summary>
/// Time-ordered ids (UUID version 7 from the injected clock, 32 hex digits): new rows append at the end
/// of every index, which keeps inserts cheap as the store grows.
/// </summary>
public sealed class SequentialIdGenerator(TimeProvider clock) : IIdGenerator
{
    public string NewId() => Guid.CreateVersion7(clock.GetUtcNow()).ToString("N");
}
