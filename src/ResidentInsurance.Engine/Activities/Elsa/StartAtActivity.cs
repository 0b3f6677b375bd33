using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Descriptors;

namespace ResidentInsurance.Engine.Activities.Elsa;

[Activity("Elsa.StartAt", "定时", "定时开始", Description = "等到指定日期（中国时间当日零点）或时刻后继续，如待遇开始日。")]
[Input("dateTime", "DateTimeOffset", "日期时间", Description = "2021-07-01，或 JavaScript 计算，如 addDays(input.paidOn, 61)。", DefaultSyntax = "JavaScript", Required = true)]
[Outcomes("Done")]
internal sealed class StartAtActivity : WorkflowActivity
{
    internal const string BookmarkName = "Elsa.StartAt";

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var at = TimeInputs.ReadInstant(await context.EvaluateInputAsync("dateTime"), $"{context.Node.Id}.dateTime");
        return at <= context.Now
            ? ActivityResult.Done()
            : ActivityResult.Suspend(new BookmarkRequest(BookmarkName, ResumeAt: at, Payload: new JsonObject { ["at"] = at.ToString("O") }));
    }
}
