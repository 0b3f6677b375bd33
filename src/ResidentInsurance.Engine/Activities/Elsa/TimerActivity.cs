using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Descriptors;

namespace ResidentInsurance.Engine.Activities.Elsa;

/// <summary>
/// Inside a flowchart a Timer waits one interval and continues, as Elsa's does when it is not the
/// workflow's trigger. Recurring starts (a Timer as trigger) are the scheduler's concern.
/// </summary>
[Activity("Elsa.Timer", "定时", "周期定时", Description = "按间隔触发；在流程中间时等待一个间隔后继续。", Kind = "Trigger")]
[Input("interval", "TimeSpan", "间隔", Description = "00:05:00、P1D，或毫秒数。", Required = true)]
[Outcomes("Done")]
internal sealed class TimerActivity : WorkflowActivity
{
    internal const string BookmarkName = "Elsa.Timer";

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var interval = TimeInputs.ReadDuration(await context.EvaluateInputAsync("interval"), $"{context.Node.Id}.interval");
        if (interval <= TimeSpan.Zero)
        {
            throw new ActivityFaultException("InvalidInterval", $"{context.Node.Id}.interval must be positive");
        }

        return ActivityResult.Suspend(new BookmarkRequest(BookmarkName, ResumeAt: context.Now + interval, Payload: new JsonObject { ["interval"] = interval.ToString("c") }));
    }
}
