using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Host.Access;
using ResidentInsurance.Host.Inbox;
using ResidentInsurance.Persistence.Access;

namespace ResidentInsurance.Host.Api;

/// <summary>
/// The department inbox over HTTP: list (the caller's department in the caller's region), detail, claim,
/// release, complete with an outcome — for a roster task one decision per row, a rejection with its reason.
/// Completing resumes the workflow through the engine's idempotent resume.
/// </summary>
internal static class TaskEndpoints
{
    public sealed record RowDecision(int Index, string? Decision, string? Reason);

    public sealed record CompleteBody(string? Outcome, List<RowDecision>? Rows, JsonObject? Form);

    public static void MapTaskEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("Tasks");

        group.MapGet("/", async (string? q, Caller caller, TaskInbox inbox, CancellationToken ct) =>
        {
            var (tasks, counts) = await inbox.ListAsync(caller, q, ct);
            return Results.Ok(new { counts, tasks });
        });

        group.MapGet("/{taskId}", async (string taskId, Caller caller, TaskInbox inbox, CancellationToken ct) =>
        {
            var task = await OpenTaskAsync(taskId, caller, inbox, "task.read", ct);
            return task is null ? NotFound(taskId) : Results.Ok(await inbox.DetailAsync(task, ct));
        });

        group.MapPost("/{taskId}/claim", async (string taskId, Caller caller, TaskInbox inbox, IAccessStore access, TimeProvider clock, CancellationToken ct) =>
        {
            if (await OpenTaskAsync(taskId, caller, inbox, "task.claim", ct) is null)
            {
                return NotFound(taskId);
            }

            var claim = await access.ClaimAsync(taskId, caller.UserName, clock.GetUtcNow(), ct);
            return claim.ClaimedBy == caller.UserName
                ? Results.Ok(new { taskId, claimedBy = claim.ClaimedBy, claimedAt = claim.ClaimedAt })
                : Results.Problem(title: "任务已被他人认领", detail: $"task {taskId} is claimed by {claim.ClaimedBy}", statusCode: StatusCodes.Status409Conflict);
        });

        group.MapPost("/{taskId}/release", async (string taskId, Caller caller, TaskInbox inbox, IAccessStore access, CancellationToken ct) =>
        {
            if (await OpenTaskAsync(taskId, caller, inbox, "task.release", ct) is null)
            {
                return NotFound(taskId);
            }

            return await access.ReleaseAsync(taskId, caller.UserName, ct)
                ? Results.NoContent()
                : Results.Problem(title: "未认领此任务", detail: $"{caller.UserName} does not hold task {taskId}", statusCode: StatusCodes.Status409Conflict);
        });

        group.MapPost("/{taskId}/complete", async (string taskId, CompleteBody body, Caller caller, TaskInbox inbox, IAccessStore access, WorkflowRuntime runtime, TimeProvider clock, CancellationToken ct) =>
        {
            var task = await OpenTaskAsync(taskId, caller, inbox, "task.complete", ct);
            if (task is null)
            {
                return NotFound(taskId);
            }

            var outcomes = (task.Payload!["outcomes"] as JsonArray ?? []).Select(o => o!.GetValue<string>()).ToList();
            if (body.Outcome is null || !outcomes.Contains(body.Outcome))
            {
                return Results.Problem(title: "办理结果无效", detail: $"outcome '{body.Outcome}' is not one of [{string.Join(", ", outcomes)}]", statusCode: 400, extensions: new Dictionary<string, object?> { ["field"] = "outcome" });
            }

            var rows = new JsonArray();
            if (task.Payload["roster"] is JsonArray roster && roster.Count > 0)
            {
                var problem = CheckRows(roster, body.Rows);
                if (problem is not null)
                {
                    return Results.Problem(title: "花名册逐行确认有误", detail: problem.Value.Message, statusCode: 400, extensions: new Dictionary<string, object?> { ["field"] = problem.Value.Field });
                }

                foreach (var row in body.Rows!)
                {
                    rows.Add(new JsonObject { ["index"] = row.Index, ["decision"] = row.Decision, ["reason"] = row.Reason });
                }
            }

            var claim = await access.ClaimAsync(taskId, caller.UserName, clock.GetUtcNow(), ct);
            if (claim.ClaimedBy != caller.UserName)
            {
                return Results.Problem(title: "任务已被他人认领", detail: $"task {taskId} is claimed by {claim.ClaimedBy}", statusCode: StatusCodes.Status409Conflict);
            }

            var result = await runtime.ResumeAsync(ResumeRequest.ForBookmark(task.Id, $"task:{taskId}", new JsonObject
            {
                ["outcome"] = body.Outcome,
                ["rows"] = rows,
                ["form"] = body.Form?.DeepClone(),
                ["completedBy"] = caller.UserName,
            }), ct);

            // Both handed to the store at once: on SQLite they usually land in the same commit of its writer.
            await Task.WhenAll(
                access.ReleaseAsync(taskId, caller.UserName, ct),
                access.AppendAuditAsync(new AuditEntry(0, clock.GetUtcNow(), caller.UserName, task.TenantId, "task.complete", taskId, "allowed", $"{body.Outcome}; {result.Outcome}"), ct));
            return Results.Ok(new { taskId, outcome = body.Outcome, resume = result.Outcome.ToString(), instanceId = result.InstanceId, status = result.Status?.ToString() });
        });
    }

    /// <summary>The open task, after checking the caller's region and department and for a town's staff its town (403 + audit otherwise).</summary>
    private static async Task<ResidentInsurance.Engine.Execution.Bookmark?> OpenTaskAsync(string taskId, Caller caller, TaskInbox inbox, string action, CancellationToken ct)
    {
        var task = await inbox.FindAsync(taskId, ct);
        if (task is not null)
        {
            inbox.Authorize(caller, task, action);
        }

        return task;
    }

    /// <summary>Every roster row decided once: accept, or reject with a reason.</summary>
    private static (string Field, string Message)? CheckRows(JsonArray roster, List<RowDecision>? rows)
    {
        if (rows is null || rows.Count == 0)
        {
            return ("rows", $"花名册共 {roster.Count} 行，须逐行确认（accept）或退回（reject，并说明理由）");
        }

        var indexes = roster.OfType<JsonObject>().Select((r, i) => r["index"]?.GetValue<int>() ?? i + 1).ToHashSet();
        var seen = new HashSet<int>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (!indexes.Contains(row.Index))
            {
                return ($"rows[{i}].index", $"花名册没有第 {row.Index} 行");
            }

            if (!seen.Add(row.Index))
            {
                return ($"rows[{i}].index", $"第 {row.Index} 行重复确认");
            }

            if (row.Decision is not ("accept" or "reject"))
            {
                return ($"rows[{i}].decision", $"第 {row.Index} 行的确认结果应为 accept 或 reject");
            }

            if (row.Decision == "reject" && string.IsNullOrWhiteSpace(row.Reason))
            {
                return ($"rows[{i}].reason", $"第 {row.Index} 行退回须说明理由");
            }
        }

        var missing = indexes.Except(seen).Order().ToList();
        return missing.Count > 0 ? ("rows", $"以下行尚未确认：{string.Join("、", missing)}") : null;
    }

    private static IResult NotFound(string taskId) =>
        Results.Problem(title: "任务不存在或已办结", detail: $"task '{taskId}' is not waiting in any workflow", statusCode: 404);
}
