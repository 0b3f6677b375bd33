namespace ResidentInsurance.Engine.Execution;

/// <summary>Where an instance stands.</summary>
public enum WorkflowStatus
{
    /// <summary>Executing now (never persisted as a resting state).</summary>
    Running,
    /// <summary>Waiting on one or more bookmarks (a task, an event, a timer).</summary>
    Suspended,
    /// <summary>Every path ended.</summary>
    Finished,
    /// <summary>An activity failed; see the incidents. Retry re-runs the failed activity.</summary>
    Faulted,
    /// <summary>Stopped by an operator.</summary>
    Cancelled,
}
