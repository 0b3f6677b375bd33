using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Descriptors;

namespace ResidentInsurance.Engine.Activities.Policy;

/// <summary>
/// Runs a named policy script — pinned by the definition version, so later edits never reach a
/// running instance — with the case and the region's parameters, and writes its result object.
/// </summary>
[Activity("ResidentInsurance.EvaluatePolicy", "医保政策", "政策计算", Description = "运行指定的政策脚本（JavaScript），输入为个案与本地区参数，输出结果对象（应缴金额、资助、待遇期等）。")]
[Input("policy", "String", "政策脚本", UIHint = UIHints.Dropdown, OptionsProvider = "policies", Required = true, Order = 0)]
[Input("case", "Object", "个案", Description = "传给脚本的个案（脚本中为 caseData），默认为流程输入 input。", DefaultSyntax = "JavaScript", Order = 1)]
[Output("result", "Object", "结果")]
[Outcomes("Done")]
internal sealed class EvaluatePolicyActivity : WorkflowActivity
{
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var name = await context.EvaluateStringAsync("policy");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ActivityFaultException("MissingPolicy", $"{context.Node.Id} names no policy script");
        }

        var caseData = context.GetInputExpression("case") is null ? context.Instance.Input.DeepClone() : await context.EvaluateInputAsync("case");
        var script = await context.GetPinnedScriptAsync(name);
        var result = context.RunScript(script, $"policy '{name}' in activity {context.Node.Id}", new JsonObject { ["caseData"] = caseData });
        context.SetOutput("result", result);
        return ActivityResult.Done();
    }
}
