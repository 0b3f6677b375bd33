using ResidentInsurance.Engine.Descriptors;

namespace ResidentInsurance.Engine.Activities.Elsa;

[Activity("Elsa.Fault", "流程", "故障", Description = "以给定代码和消息使流程出错，记录为可重试的事件（incident）。")]
[Input("code", "String", "代码")]
[Input("message", "String", "消息")]
[Input("category", "String", "类别")]
[Outcomes]
internal sealed class FaultActivity : WorkflowActivity
{
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var code = await context.EvaluateStringAsync("code");
        var message = await context.EvaluateStringAsync("message") ?? "流程由 Fault 活动终止";
        throw new ActivityFaultException(string.IsNullOrEmpty(code) ? "Fault" : $"Fault:{code}", message);
    }
}
