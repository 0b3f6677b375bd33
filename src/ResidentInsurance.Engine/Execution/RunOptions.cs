using System.Text.Json.Nodes;

namespace ResidentInsurance.Engine.Execution;

/// <summary>How a run behaves.</summary>
public sealed record RunOptions
{
    public static RunOptions Default { get; } = new();

    /// <summary>
    /// Dry run: nothing is stored and no message leaves; waits are answered by <see cref="WaitResponder"/>.
    /// </summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// For a dry run: answers a wait with a stimulus payload (the case's paidOn for a payment notice, the
    /// default outcome for a task). Null leaves the instance suspended there.
    /// </summary>
    public Func<WaitRequest, JsonObject?>? WaitResponder { get; init; }

    /// <summary>Upper bound on activity executions in one run (a loop that never waits is an incident, not a hang).</summary>
    public int MaxActivityExecutions { get; init; } = 10_000;
}

/// <summary>A wait a dry run must answer: the activity that waits and the bookmark it asks for.</summary>
public sealed record WaitRequest(string ActivityId, string ActivityType, string Name, string? CorrelationKey, JsonObject? Payload);
