using System.Text.Json;
using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Descriptors;

namespace ResidentInsurance.Engine.Activities.Elsa;

[Activity("Elsa.SetVariable", "基础", "设置变量", Description = "计算一个值并写入流程变量。")]
[Input("variable", "Variable", "变量", UIHint = UIHints.VariablePicker, IsWrapped = false, Required = true)]
[Input("value", "Object", "值", DefaultSyntax = "JavaScript")]
[Outcomes("Done")]
internal sealed class SetVariableActivity : WorkflowActivity
{
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var (id, name) = context.Node.GetProperty("variable") switch
        {
            JsonObject obj => (obj["id"]?.GetValue<string>(), obj["name"]?.GetValue<string>()),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => (null, v.GetValue<string>()),
            _ => (null, null),
        };
        var resolved = (id is null ? null : context.ResolveVariable(id)) ?? (name is null ? null : context.ResolveVariable(name))
            ?? throw new ActivityFaultException("UnknownVariable", $"SetVariable names variable '{name ?? id}', which the workflow does not declare");
        context.SetVariable(resolved, await context.EvaluateInputAsync("value"));
        return ActivityResult.Done();
    }
}
