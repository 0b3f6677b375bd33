using System.Text.Json;
using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Descriptors;

namespace ResidentInsurance.Engine.Activities.Elsa;

[Activity("Elsa.FlowFork", "分支", "并行分叉", Description = "同时走所有列出的分支。")]
[Input("branches", "String[]", "分支", UIHint = UIHints.DynamicOutcomes, DefaultSyntax = "Object", Description = "分支名称的 JSON 数组，如 [\"民政\",\"财政\"]。")]
[Outcomes(DynamicFrom = "branches")]
internal sealed class FlowForkActivity : WorkflowActivity
{
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var branches = ReadNames(await context.EvaluateInputAsync("branches"));
        return branches.Count == 0
            ? throw new ActivityFaultException("NoBranches", "FlowFork lists no branches")
            : ActivityResult.Outcome([.. branches]);
    }

    /// <summary>A JSON array of names, or one comma-separated string.</summary>
    internal static List<string> ReadNames(JsonNode? value) => value switch
    {
        JsonArray array => array.Select(n => n?.GetValue<string>() ?? "").Where(n => n.Length > 0).ToList(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => ParseText(v.GetValue<string>()),
        _ => [],
    };

    private static List<string> ParseText(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith('['))
        {
            return ReadNames(JsonNode.Parse(trimmed));
        }

        return trimmed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }
}
