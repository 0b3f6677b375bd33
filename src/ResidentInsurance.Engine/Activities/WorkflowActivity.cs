using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Execution;

namespace ResidentInsurance.Engine.Activities;

/// <summary>
/// An activity type's behaviour. Instances are stateless singletons; everything about one execution
/// is in the <see cref="ActivityContext"/>. Declare the type with [Activity], [Input], [Output], [Outcomes].
/// </summary>
public abstract class WorkflowActivity
{
    public abstract ValueTask<ActivityResult> ExecuteAsync(ActivityContext context);

    /// <summary>Called when a bookmark this activity made is resumed, with the stimulus payload.</summary>
    public virtual ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Bookmark bookmark, JsonObject? payload) =>
        ValueTask.FromResult(ActivityResult.Done());
}
