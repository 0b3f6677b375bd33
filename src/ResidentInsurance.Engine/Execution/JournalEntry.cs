namespace ResidentInsurance.Engine.Execution;

/// <summary>One event in an instance's execution log, feeding the instance viewer.</summary>
public sealed record JournalEntry(
    string InstanceId,
    long Sequence,
    string ActivityId,
    string? ActivityNodeId,
    string ActivityType,
    int ActivityVersion,
    JournalEventKind Event,
    DateTimeOffset At,
    string? Outcome = null,
    string? Message = null);

public enum JournalEventKind
{
    Started,
    Completed,
    Suspended,
    Resumed,
    Faulted,
    Cancelled,
}
