using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Definitions;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Host.Access;
using ResidentInsurance.Simulation;

namespace ResidentInsurance.Host.Designer;

/// <summary>
/// The Studio's Test tab (<c>POST tests/activities</c>): the selected activity of the version being edited, tried on
/// the region's own policy cases. The version runs dry on each case file of its process in turn (nothing written) until
/// one reaches the activity; the answer is that execution — its status, its outcome, the case it ran on and the
/// workflow variables when it ended, or the incident's message when it faulted. A draft is tried as it stands, so an
/// administrator sees what a changed expression does before publishing.
/// </summary>
internal static class ElsaActivityTests
{
    public static void MapElsaActivityTestEndpoint(this RouteGroupBuilder api)
    {
        api.MapPost("/tests/activities", async (JsonObject? body, Caller caller, DefinitionService store, ICaseFileSource caseFiles, PolicySimulator simulator, CancellationToken ct) =>
        {
            var handle = body?["workflowDefinitionHandle"] as JsonObject;
            var versionId = Text(handle?["definitionVersionId"]);
            var definitionId = Text(handle?["definitionId"]);
            var version = versionId is not null ? await store.GetByIdAsync(versionId, ct)
                : definitionId is not null ? await store.GetAsync(definitionId, VersionOptions.Latest, ct) : null;
            if (version is null)
            {
                return Refused("workflowDefinitionHandle", $"找不到流程版本（{versionId ?? definitionId ?? "未指定"}）");
            }

            caller.RequirePolicyAdmin(version.TenantId, "definition.test", version.DefinitionId);
            var activityHandle = body?["activityHandle"] as JsonObject;
            // A node id is the path of ids down to the activity (definition:flowchart:activity): its last segment is the id.
            var nodeId = Text(activityHandle?["nodeId"]);
            var wanted = Text(activityHandle?["activityId"]) ?? nodeId?[(nodeId.LastIndexOf(':') + 1)..];
            var root = (JsonNode.Parse(version.Json) as JsonObject)?["root"] as JsonObject;
            var node = (root?["activities"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(a => wanted is not null && Text(a["id"]) == wanted);
            if (node is null)
            {
                return Refused("activityHandle", $"活动 {wanted ?? "（未指定）"} 不在 {version.DefinitionId} 第 {version.Version} 版中");
            }

            var id = Text(node["id"])!;
            var action = ContractCodes.ActionOf(version.TenantId, version.DefinitionId);
            if (action is null)
            {
                return Refused("workflowDefinitionHandle", $"{version.DefinitionId} 没有政策案例可供测试：案例文件只覆盖参保登记（enroll）与退费（refund）流程");
            }

            var tried = 0;
            foreach (var (file, document) in await caseFiles.ListForActionAsync(version.TenantId, action, ct))
            {
                JsonObject normalised;
                try
                {
                    normalised = CaseReader.Read(document["case"]!.ToJsonString()).Cases[0];
                }
                catch (CaseValidationException)
                {
                    continue;
                }

                tried++;
                var run = await simulator.TraceCandidateAsync(normalised, version, ct);
                var started = run.Journal.FirstOrDefault(e => e.ActivityId == id && e.Event == JournalEventKind.Started);
                var incident = run.Instance.Incidents.FirstOrDefault(i => i.ActivityId == id);
                if (started is null && incident is null)
                {
                    continue;
                }

                var ended = run.Journal.FirstOrDefault(e => e.ActivityId == id && e.Sequence > (started?.Sequence ?? 0) && e.Event is JournalEventKind.Completed or JournalEventKind.Faulted or JournalEventKind.Suspended);
                var status = incident is not null ? "Faulted" : ended?.Event == JournalEventKind.Completed ? "Completed" : "Running";
                return Results.Json(new JsonObject
                {
                    ["activityState"] = new JsonObject
                    {
                        ["测试案例"] = $"{version.TenantId}/cases/{file.Name}",
                        ["案例说明"] = document["description"]?.DeepClone(),
                        ["政策依据"] = $"{document["source"]?["document"]} {document["source"]?["clause"]}".Trim(),
                        ["流程版本"] = $"{version.DefinitionId} 第 {version.Version} 版{(version.IsPublished ? "（已发布）" : "（草稿）")}",
                        ["流程变量"] = new JsonObject([.. run.Instance.Variables.Select(v => KeyValuePair.Create(v.Key, v.Value?.DeepClone()))]),
                    },
                    ["outputs"] = new JsonObject { ["outcome"] = ended?.Outcome ?? (ended?.Event == JournalEventKind.Suspended ? "等待中" : null) },
                    ["payload"] = new JsonObject(),
                    ["exception"] = incident is null ? null : new JsonObject { ["type"] = incident.Kind, ["message"] = incident.Message, ["stackTrace"] = null },
                    ["status"] = status,
                });
            }

            return Results.Json(new JsonObject
            {
                ["activityState"] = new JsonObject { ["说明"] = $"地区 {version.TenantId} 的 {tried} 个{(action == "enroll" ? "参保登记" : "退费")}政策案例都没有运行到活动 {id}" },
                ["outputs"] = new JsonObject(),
                ["payload"] = new JsonObject(),
                ["exception"] = null,
                ["status"] = "Pending",
            });
        });
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    private static IResult Refused(string field, string message) => ElsaErrors.Refused("无法测试该活动", field, message);
}
