using ResidentInsurance.Engine.Descriptors;

namespace ResidentInsurance.Engine.Activities.Elsa;

[Activity("Elsa.FlowDecision", "分支", "条件判断", Description = "按条件走“是”（True）或“否”（False）。")]
[Input("condition", "Boolean", "条件", Description = "JavaScript 表达式，结果为真走 True。", DefaultSyntax = "JavaScript", Required = true)]
[Outcomes("True", "False")]
internal sealed class FlowDecisionActivity : WorkflowActivity
{
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) =>
        ActivityResult.Outcome(await context.EvaluateBooleanAsync("condition") ? "True" : "False");
}
