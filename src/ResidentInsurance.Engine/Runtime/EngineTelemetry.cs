using System.Diagnostics;
using System.Diagnostics.Metrics;
using ResidentInsurance.Engine.Activities;
using ResidentInsurance.Engine.Execution;

namespace ResidentInsurance.Engine.Runtime;

/// <summary>
/// Traces (<see cref="Source"/>) and metrics (<see cref="Meter"/>) of the engine, by the BCL's own APIs so the
/// engine needs no telemetry package; the host exports them with OpenTelemetry. Tags carry the region and
/// the definition, never a person's data.
/// </summary>
public static class EngineTelemetry
{
    public const string Name = "ResidentInsurance.Engine";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);
    private static readonly Counter<long> Started = Meter.CreateCounter<long>("ri.workflows.started", description: "workflow instances started (not dry runs)");
    private static readonly Counter<long> Ended = Meter.CreateCounter<long>("ri.workflows.ended", description: "workflow instances that finished or faulted, by status");
    private static readonly Counter<long> Resumes = Meter.CreateCounter<long>("ri.workflows.resumes", description: "resume requests, by outcome (resumed, already handled, parked, no match)");
    private static readonly Counter<long> TasksCreated = Meter.CreateCounter<long>("ri.tasks.created", description: "department tasks created, by department");
    private static readonly Counter<long> TasksCompleted = Meter.CreateCounter<long>("ri.tasks.completed", description: "department tasks completed, by department");

    internal static void RecordStart(RunResult run)
    {
        Started.Add(1, Tags(run.Instance));
        RecordRun(run.Instance, run.Outbox);
    }

    internal static void RecordResume(ResumeResult result, string? tenantId) =>
        Resumes.Add(1, new KeyValuePair<string, object?>("outcome", result.Outcome.ToString()), new KeyValuePair<string, object?>("region", tenantId));

    internal static void RecordRun(WorkflowInstance instance, IEnumerable<OutboxMessage> outbox)
    {
        if (instance.Status is WorkflowStatus.Finished or WorkflowStatus.Faulted)
        {
            Ended.Add(1, [.. Tags(instance), new KeyValuePair<string, object?>("status", instance.Status.ToString())]);
        }

        foreach (var message in outbox)
        {
            var counter = message.Type == DepartmentTaskNames.CreatedMessage ? TasksCreated : message.Type == DepartmentTaskNames.CompletedMessage ? TasksCompleted : null;
            counter?.Add(1, new KeyValuePair<string, object?>("region", message.TenantId), new KeyValuePair<string, object?>("department", message.Payload["department"]?.ToString()));
        }
    }

    private static KeyValuePair<string, object?>[] Tags(WorkflowInstance instance) =>
        [new("region", instance.TenantId), new("definition", instance.DefinitionId)];
}
