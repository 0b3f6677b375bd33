using ResidentInsurance.Engine.Descriptors;

namespace ResidentInsurance.Engine.Activities.Elsa;

[Activity("Elsa.WriteLine", "基础", "输出一行", Description = "把一行文本写入执行日志（Elsa 示例流程常用）。")]
[Input("text", "String", "文本")]
[Outcomes("Done")]
internal sealed class WriteLineActivity : WorkflowActivity
{
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var text = await context.EvaluateStringAsync("text") ?? "";
        var log = context.GetVariable(Log) as System.Text.Json.Nodes.JsonArray ?? [];
        log.Add(text);
        context.SetVariable(Log, log);
        return ActivityResult.Done();
    }

    /// <summary>The variable WriteLine appends to, so tests and the instance viewer can read what was written.</summary>
    internal const string Log = "__writeLine";
}
