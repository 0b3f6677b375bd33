using System.Globalization;
using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Host.Access;
using ResidentInsurance.Host.Inbox;
using ResidentInsurance.Host.Rosters;
using ResidentInsurance.Persistence.Access;

namespace ResidentInsurance.Host.Api;

/// <summary>
/// Excel in and out: a department's roster of additions / removals imported as an identity change (all or
/// nothing, every bad row named), a roster task's list exported, the payable and paid lists.
/// </summary>
internal static class RosterEndpoints
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void MapRosterEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/rosters/identity-changes", async (int? benefitYear, HttpRequest request, Caller caller, WorkflowRuntime runtime, IAccessStore audit, TimeProvider clock, CancellationToken ct) =>
        {
            if (caller.Role != Roles.Staff || caller.Region is null || caller.Department is null)
            {
                throw new AccessDeniedException("roster.import", "identity-changes", caller.Region, "只有部门经办人员可以报送花名册");
            }

            if (benefitYear is null)
            {
                return Results.Problem(title: "请求有误", detail: "benefitYear is required (?benefitYear=2024)", statusCode: 400, extensions: new Dictionary<string, object?> { ["field"] = "benefitYear" });
            }

            using var body = new MemoryStream();
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(ct);
                if (form.Files.FirstOrDefault() is not { } file)
                {
                    return Results.Problem(title: "请求有误", detail: "the form carries no file", statusCode: 400, extensions: new Dictionary<string, object?> { ["field"] = "file" });
                }

                await file.CopyToAsync(body, ct);
            }
            else
            {
                await request.Body.CopyToAsync(body, ct);
            }

            body.Position = 0;
            var import = RosterWorkbook.Read(body);
            if (!import.Accepted)
            {
                return Results.Problem(title: "花名册有误，整份未导入", detail: string.Join("；", import.Errors.Take(20).Select(e => $"第 {e.Row} 行 {e.Column}：{e.Message}")), statusCode: 400,
                    extensions: new Dictionary<string, object?> { ["errors"] = import.Errors });
            }

            var changes = new JsonArray([.. import.Rows.Select(r => (JsonNode)new JsonObject
            {
                ["idNumber"] = r.IdNumber, ["name"] = r.Name, ["identity"] = r.Identity, ["change"] = r.Change,
                ["recognizedOn"] = r.RecognizedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["remark"] = r.Remark,
                ["town"] = r.Town, ["village"] = r.Village,
            })]);
            var started = await runtime.StartAsync(new StartWorkflowRequest($"{caller.Region}-identity-change")
            {
                Input = new JsonObject
                {
                    ["region"] = caller.Region, ["benefitYear"] = benefitYear, ["department"] = caller.Department,
                    ["submittedOn"] = Engine.Clock.ChinaTime.Today(clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["changes"] = changes,
                },
            }, ct);
            await audit.AppendAuditAsync(new AuditEntry(0, clock.GetUtcNow(), caller.UserName, caller.Region, "roster.import", started.Instance.Id, "allowed", $"{import.Rows.Count} 行"), ct);
            return Results.Ok(new { instanceId = started.Instance.Id, rows = import.Rows.Count, status = started.Instance.Status.ToString() });
        }).WithTags("Rosters").DisableAntiforgery();

        app.MapGet("/api/tasks/{taskId}/roster.xlsx", async (string taskId, Caller caller, TaskInbox inbox, CancellationToken ct) =>
        {
            var task = await inbox.FindAsync(taskId, ct);
            if (task is null)
            {
                return Results.Problem(title: "任务不存在或已办结", detail: $"task '{taskId}' is not waiting in any workflow", statusCode: 404);
            }

            inbox.Authorize(caller, task, "task.roster.export");
            var rows = (task.Payload?["roster"] as JsonArray ?? []).OfType<JsonObject>().Select((r, i) => (IDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["序号"] = r["index"]?.GetValue<int>() ?? i + 1,
                ["姓名"] = r["name"]?.ToString(),
                ["身份证号码"] = r["idNumber"]?.ToString(),
                ["人员类别"] = r["identity"]?.ToString() is { } code ? RosterWorkbook.CategoryName(code) : null,
                ["认定日期"] = r["recognizedOn"]?.ToString(),
                ["应缴金额（元）"] = RosterWorkbook.Yuan(Fen(r["payableFen"])),
                ["补发金额（元）"] = RosterWorkbook.Yuan(Fen(r["payBackFen"])),
                ["备注"] = r["problem"]?.ToString() ?? r["effect"]?.ToString(),
            });
            return Results.File(RosterWorkbook.Write("花名册", rows), Xlsx, $"roster-{taskId}.xlsx");
        }).WithTags("Rosters");

        app.MapGet("/api/lists/{region}/{benefitYear:int}/{kind}.xlsx", async (string region, int benefitYear, string kind, Caller caller, PaymentLists lists, IAccessStore audit, TimeProvider clock, CancellationToken ct) =>
        {
            caller.RequireRegion(region, "list.export", $"{region}/{benefitYear}/{kind}");
            List<IDictionary<string, object?>>? rows = kind switch
            {
                "payable" => await lists.PayableAsync(caller, region, benefitYear, ct),
                "paid" => await lists.PaidAsync(caller, region, benefitYear, ct),
                _ => null,
            };
            if (rows is null)
            {
                return Results.Problem(title: "没有这种名单", detail: $"list '{kind}' is not one of payable, paid", statusCode: 404, extensions: new Dictionary<string, object?> { ["field"] = "kind" });
            }

            // The lists carry full ID numbers (finance pays from them): who took one is kept.
            await audit.AppendAuditAsync(new AuditEntry(0, clock.GetUtcNow(), caller.UserName, region, "list.export", $"{kind}/{benefitYear}", "allowed", $"{rows.Count - 1} 行"), ct);
            var sheet = kind == "payable" ? "应付代缴名单" : "已缴费名单";
            return Results.File(RosterWorkbook.Write(sheet, rows), Xlsx, $"{kind}-{region}-{benefitYear}.xlsx");
        }).WithTags("Rosters");
    }

    private static long? Fen(JsonNode? node) => node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number ? v.GetValue<long>() : null;
}
