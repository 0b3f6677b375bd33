using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Descriptors;

namespace ResidentInsurance.Engine.Activities.Policy;

/// <summary>
/// Runs a named policy script — pinned by the definition version, so later edits never reach a
/// running instance — with the case and the region's parameters (adjusted by the activity's own
/// <c>parameters</c> input, which the version pins with the rest of the definition), and writes its result object.
/// </summary>
[Activity("ResidentInsurance.EvaluatePolicy", "医保政策", "政策计算", Description = "运行指定的政策脚本（JavaScript），输入为个案与本地区参数，输出结果对象（应缴金额、资助、待遇期等）。")]
[Input("policy", "String", "政策脚本", UIHint = UIHints.Dropdown, OptionsProvider = "policies", Required = true, Order = 0)]
[Input("case", "Object", "个案", Description = "传给脚本的个案（脚本中为 caseData），默认为流程输入 input。", DefaultSyntax = "JavaScript", Order = 1)]
[Input("parameters", "Object", "参数调整", Description = "仅对本流程版本调整本地区参数：参数路径 → 新值，例如 {\"years/2021/latePriceFen\": 90000}（文本）或 ({ 'years/2021/latePriceFen': 90000 })（JavaScript）；未列出的参数沿用本地区参数。路径须是本地区已有的参数。", DefaultSyntax = "JavaScript", Order = 2)]
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
        var origin = $"policy '{name}' in activity {context.Node.Id}";
        JsonNode? parameters = null;
        if (context.GetInputExpression("parameters") is not null && await context.EvaluateInputAsync("parameters") is { } adjustments && !ParameterOverrides.IsEmpty(adjustments))
        {
            var by = $"{context.Instance.DefinitionId} v{context.Instance.Version} {context.Node.Id}";
            parameters = context.ShareParameters(ParameterOverrides.Apply(context.GetParameters(), adjustments, by));
        }

        var result = context.RunScript(script, origin, new JsonObject { ["caseData"] = caseData }, parameters);
        context.SetOutput("result", result);
        return ActivityResult.Done();
    }
}
