using ResidentInsurance.Engine.Descriptors;

namespace ResidentInsurance.Engine.Activities.Elsa;

/// <summary>
/// Waiting is done by the interpreter (it counts arrivals per inbound branch); the join itself only
/// continues. WaitAll: every inbound branch; WaitAny: the first, the others' waits are cancelled.
/// </summary>
[Activity("Elsa.FlowJoin", "分支", "汇合", Description = "等待全部（WaitAll）或任一（WaitAny）入线分支到达后继续。")]
[Input("mode", "Elsa.Workflows.Activities.Flowchart.Models.FlowJoinMode, Elsa.Workflows.Core", "汇合方式", UIHint = UIHints.Dropdown, Options = ["WaitAll", "WaitAny", "WaitAllActive"], DefaultValue = "WaitAll")]
[Outcomes("Done")]
internal sealed class FlowJoinActivity : WorkflowActivity
{
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(ActivityResult.Done());
}
