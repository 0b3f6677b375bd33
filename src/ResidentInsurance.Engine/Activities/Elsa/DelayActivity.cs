using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Descriptors;
using ResidentInsurance.Engine.Execution;

namespace ResidentInsurance.Engine.Activities.Elsa;

[Activity("Elsa.Delay", "定时", "延时", Description = "等待一段时间后继续（如 60 天等待期）。")]
[Input("timeSpan", "TimeSpan", "时长", Description = "00:05:00、P60D，或 JavaScript 返回毫秒数。", Required = true)]
[Outcomes("Done")]
internal sealed class DelayActivity : WorkflowActivity
{
    internal const string BookmarkName = "Elsa.Delay";

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var span = TimeInputs.ReadDuration(await context.EvaluateInputAsync("timeSpan"), $"{context.Node.Id}.timeSpan");
        return ActivityResult.Suspend(new BookmarkRequest(BookmarkName, ResumeAt: context.Now + span, Payload: new JsonObject()));
    }

    public override ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Bookmark bookmark, JsonObject? payload) =>
        ValueTask.FromResult(ActivityResult.Done());
}
