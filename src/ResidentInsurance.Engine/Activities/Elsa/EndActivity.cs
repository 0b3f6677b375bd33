using ResidentInsurance.Engine.Descriptors;

namespace ResidentInsurance.Engine.Activities.Elsa;

[Activity("Elsa.End", "流程", "结束", Description = "结束整个流程：其他分支及其等待一并取消。")]
[Outcomes]
internal sealed class EndActivity : WorkflowActivity
{
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(ActivityResult.EndWorkflow());
}
