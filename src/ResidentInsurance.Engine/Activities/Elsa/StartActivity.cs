using ResidentInsurance.Engine.Descriptors;

namespace ResidentInsurance.Engine.Activities.Elsa;

[Activity("Elsa.Start", "流程", "开始", Description = "流程的起点。")]
[Outcomes("Done")]
internal sealed class StartActivity : WorkflowActivity
{
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(ActivityResult.Done());
}
