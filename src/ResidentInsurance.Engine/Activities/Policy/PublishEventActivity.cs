using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Descriptors;

namespace ResidentInsurance.Engine.Activities.Policy;

/// <summary>Publishes an event to other departments and workflows through the outbox (sent after commit).</summary>
[Activity("ResidentInsurance.PublishEvent", "部门协同", "发布事件", Description = "发布事件（如待遇登记完成、退费已支付），由消息总线送达其他部门和流程。")]
[Input("eventName", "String", "事件名称", Required = true, Order = 0)]
[Input("correlationKey", "String", "关联键", DefaultSyntax = "JavaScript", Order = 1)]
[Input("payload", "Object", "内容", DefaultSyntax = "JavaScript", Order = 2)]
[Outcomes("Done")]
internal sealed class PublishEventActivity : WorkflowActivity
{
    public const string MessageType = Execution.WorkflowRecord.MessageType;

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var name = await context.EvaluateStringAsync("eventName");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ActivityFaultException("MissingEventName", $"{context.Node.Id} names no event");
        }

        context.Publish(MessageType, new JsonObject
        {
            ["eventName"] = name,
            ["correlationKey"] = await context.EvaluateStringAsync("correlationKey"),
            ["payload"] = await context.EvaluateInputAsync("payload"),
        });
        return ActivityResult.Done();
    }
}
