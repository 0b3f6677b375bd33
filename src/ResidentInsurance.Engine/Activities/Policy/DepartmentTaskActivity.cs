using System.Text.Json;
using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Descriptors;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Runtime;

namespace ResidentInsurance.Engine.Activities.Policy;

/// <summary>
/// A task for a department of the instance's region: a bookmark keyed by the task id, a TaskCreated
/// message for the department's inbox (written with the bookmark, sent after commit), and a resume
/// callback that continues on the port named by the chosen outcome.
/// </summary>
[Activity("ResidentInsurance.DepartmentTask", "部门协同", "部门任务", Description = "向本地区某部门的待办箱派发任务（审核、核实、花名册确认、代缴、退费等），等待经办人员选择结果后继续。", Kind = "Task")]
[Input("department", "String", "承办部门", UIHint = UIHints.Dropdown, OptionsProvider = "departments", Required = true, Order = 0)]
[Input("title", "String", "任务标题", Required = true, Order = 1)]
[Input("outcomes", "String[]", "办理结果", UIHint = UIHints.DynamicOutcomes, DefaultSyntax = "Object", Description = "结果名称的 JSON 字符串数组，每个结果一个出口，如 [\"通过\",\"退回\"]。", Required = true, Order = 2)]
[Input("form", "Object", "表单", UIHint = UIHints.JsonEditor, DefaultSyntax = "Object", Description = "经办人员填写的字段（JSON Schema 风格）。", Order = 3)]
[Input("data", "Object", "个案资料", DefaultSyntax = "JavaScript", Description = "显示在任务详情中的个案与政策计算结果。", Order = 4)]
[Input("roster", "Object", "花名册", DefaultSyntax = "JavaScript", Description = "批量任务：每人一行，逐行确认或退回并说明理由。", Order = 5)]
[Input("deadline", "String", "办理期限", DefaultSyntax = "JavaScript", Description = "日期，如 \"2021-04-30\"，或用日历函数计算。", Order = 6)]
[Input("defaultOutcome", "String", "模拟默认结果", Description = "试算（dry run）时自动选择的结果。", Order = 7)]
[Output("result", "Object", "办理结果")]
[Outcomes(DynamicFrom = "outcomes")]
internal sealed class DepartmentTaskActivity : WorkflowActivity
{
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var department = await context.EvaluateStringAsync("department");
        if (string.IsNullOrWhiteSpace(department) || Departments.Find(department) is null)
        {
            throw new ActivityFaultException("UnknownDepartment", $"{context.Node.Id}: department '{department}' is not one of {string.Join(", ", Departments.All.Select(d => d.Code))}");
        }

        var outcomes = Activities.Elsa.FlowForkActivity.ReadNames(await context.EvaluateInputAsync("outcomes"));
        if (outcomes.Count == 0)
        {
            throw new ActivityFaultException("NoOutcomes", $"{context.Node.Id}: a department task needs at least one outcome");
        }

        var deadline = await context.EvaluateStringAsync("deadline");
        var taskId = context.NewId();
        var task = new JsonObject
        {
            ["taskId"] = taskId,
            ["instanceId"] = context.Instance.Id,
            ["definitionId"] = context.Instance.DefinitionId,
            ["version"] = context.Instance.Version,
            ["tenantId"] = context.Instance.TenantId,
            ["activityId"] = context.Node.Id,
            ["department"] = department,
            ["title"] = await context.EvaluateStringAsync("title") ?? context.Node.Name ?? context.Node.Id,
            ["outcomes"] = new JsonArray([.. outcomes.Select(o => JsonValue.Create(o))]),
            ["form"] = await context.EvaluateInputAsync("form"),
            ["data"] = await context.EvaluateInputAsync("data"),
            ["roster"] = await context.EvaluateInputAsync("roster"),
            ["deadline"] = deadline,
            ["defaultOutcome"] = await context.EvaluateStringAsync("defaultOutcome"),
            ["createdAt"] = context.Now.ToString("O"),
        };
        context.Publish(DepartmentTaskNames.CreatedMessage, (JsonObject)task.DeepClone());
        return ActivityResult.Suspend(new BookmarkRequest(DepartmentTaskNames.Bookmark, taskId, Payload: task));
    }

    public override ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Bookmark bookmark, JsonObject? payload)
    {
        var outcome = payload?["outcome"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        var allowed = (bookmark.Payload?["outcomes"] as JsonArray)?.Select(n => n?.GetValue<string>()).ToList() ?? [];
        if (outcome is null || !allowed.Contains(outcome))
        {
            throw new InvalidStimulusException($"task {bookmark.CorrelationKey}: outcome '{outcome}' is not one of [{string.Join(", ", allowed)}]");
        }

        var result = new JsonObject
        {
            ["taskId"] = bookmark.CorrelationKey,
            ["outcome"] = outcome,
            ["form"] = payload?["form"]?.DeepClone(),
            ["rows"] = payload?["rows"]?.DeepClone(),
            ["completedBy"] = payload?["completedBy"]?.DeepClone(),
            ["completedAt"] = context.Now.ToString("O"),
        };
        context.SetOutput("result", result);
        context.Publish(DepartmentTaskNames.CompletedMessage, (JsonObject)result.DeepClone());
        return ValueTask.FromResult(ActivityResult.Outcome(outcome));
    }
}
