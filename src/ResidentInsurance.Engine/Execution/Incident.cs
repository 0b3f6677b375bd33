namespace ResidentInsurance.Engine.Execution;

/// <summary>A failure recorded on an instance: which activity, what went wrong, when; retryable.</summary>
public sealed record Incident(
    string ActivityId,
    string? ActivityNodeId,
    string ActivityType,
    string Kind,
    string Message,
    DateTimeOffset At,
    bool Resolved = false);
