using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Descriptors;
using ResidentInsurance.Engine.Execution;

namespace ResidentInsurance.Engine.Activities.Policy;

/// <summary>
/// Waits for a named event for one correlation key — e.g. the tax department's payment notice for
/// an ID number and benefit year. An event that arrived earlier is matched at once.
/// </summary>
[Activity("ResidentInsurance.WaitForEvent", "部门协同", "等待事件", Description = "等待某事件（如税务缴费回传）按关联键（如身份证号/年度）到达后继续。", Kind = "Trigger")]
[Input("eventName", "String", "事件名称", Required = true, Description = "如 tax.payment-notice。", Order = 0)]
[Input("correlationKey", "String", "关联键", DefaultSyntax = "JavaScript", Required = true, Description = "如 input.person.idNumber + '/' + input.benefitYear。", Order = 1)]
[Output("payload", "Object", "事件内容")]
[Outcomes("Done")]
internal sealed class WaitForEventActivity : WorkflowActivity
{
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var name = await context.EvaluateStringAsync("eventName");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ActivityFaultException("MissingEventName", $"{context.Node.Id} names no event");
        }

        var key = await context.EvaluateStringAsync("correlationKey");
        return ActivityResult.Suspend(new BookmarkRequest(name, key, Payload: new JsonObject { ["eventName"] = name, ["correlationKey"] = key }));
    }

    public override ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Bookmark bookmark, JsonObject? payload)
    {
        context.SetOutput("payload", payload);
        return ValueTask.FromResult(ActivityResult.Done());
    }
}
