using System.Text.Json;
using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Descriptors;
using ResidentInsurance.Engine.Model;

namespace ResidentInsurance.Engine.Activities.Elsa;

[Activity("Elsa.FlowSwitch", "分支", "多路分支", Description = "依次判断各分支条件，走第一个（或全部）满足的分支，否则走 Default。")]
[Input("cases", "FlowSwitchCase[]", "分支", UIHint = UIHints.FlowSwitchEditor, IsWrapped = false, Description = "[{label, condition}]")]
[Input("mode", "SwitchMode", "匹配方式", UIHint = UIHints.Dropdown, Options = ["MatchFirst", "MatchAny"], DefaultValue = "MatchFirst")]
[Outcomes("Default", DynamicFrom = "cases")]
internal sealed class FlowSwitchActivity : WorkflowActivity
{
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var mode = await context.EvaluateStringAsync("mode") ?? "MatchFirst";
        var matches = new List<string>();
        foreach (var (label, condition) in ReadCases(context.Node))
        {
            var value = await context.EvaluateAsync(condition, $"{context.Node.Id}.cases[{label}]");
            if (ActivityContext.IsTruthy(value))
            {
                matches.Add(label);
                if (mode == "MatchFirst")
                {
                    break;
                }
            }
        }

        return matches.Count == 0 ? ActivityResult.Outcome("Default") : ActivityResult.Outcome([.. matches]);
    }

    /// <summary>Cases as Elsa writes them (a plain array), or wrapped in an Object expression.</summary>
    internal static IEnumerable<(string Label, InputExpression Condition)> ReadCases(ActivityNode node)
    {
        var raw = node.GetProperty("cases");
        if (raw is JsonObject wrapper && InputExpression.From(wrapper) is { } wrapped)
        {
            raw = wrapped.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? JsonNode.Parse(v.GetValue<string>()) : wrapped.Value;
        }

        if (raw is not JsonArray cases)
        {
            yield break;
        }

        foreach (var item in cases.OfType<JsonObject>())
        {
            var label = item["label"]?.GetValue<string>() ?? "";
            var condition = item["condition"] switch
            {
                JsonObject c => new InputExpression("Boolean", c["type"]?.GetValue<string>() ?? ExpressionTypes.Literal, c["value"]?.DeepClone()),
                null => new InputExpression("Boolean", ExpressionTypes.Literal, JsonValue.Create(false)),
                var other => new InputExpression("Boolean", ExpressionTypes.Literal, other.DeepClone()),
            };
            yield return (label, condition);
        }
    }
}
