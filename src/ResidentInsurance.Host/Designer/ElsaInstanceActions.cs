using System.IO.Compression;
using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Host.Access;
using ResidentInsurance.Persistence.Access;

namespace ResidentInsurance.Host.Designer;

/// <summary>
/// The instance list's actions. Export (one instance as JSON, a selection as a .zip of them: its state, waits and
/// journal) is a read of the caller's region. Delete, cancel and import are refused with a reason the Studio shows:
/// a case is a resident's record — it ends through its own process (a refund, an identity change), never by being
/// removed or stopped from the designer, and instances are not brought in from files.
/// </summary>
internal static class ElsaInstanceActions
{
    public const int MaxExport = 500;

    public static void MapElsaInstanceActions(this RouteGroupBuilder api)
    {
        api.MapGet("/workflow-instances/{id}/export", async (string id, Caller caller, IInstanceStore store, IAccessStore audit, TimeProvider clock, CancellationToken ct) =>
        {
            var instance = await store.FindInstanceAsync(id, ct);
            if (instance is null)
            {
                return ElsaInstances.NotFound(id);
            }

            caller.RequireRegion(instance.TenantId, "instance.export", id);
            var document = await ExportAsync(store, instance, ct);
            await audit.AppendAuditAsync(new AuditEntry(0, clock.GetUtcNow(), caller.UserName, instance.TenantId, "instance.export", id, "allowed", "1 个案件"), ct);
            return Results.File(System.Text.Encoding.UTF8.GetBytes(document.ToJsonString()), "application/json", $"workflow-instance-{id}.json");
        });

        api.MapPost("/bulk-actions/export/workflow-instances", async (JsonObject? body, Caller caller, IInstanceStore store, IAccessStore audit, TimeProvider clock, CancellationToken ct) =>
        {
            var ids = ElsaInstances.Strings(body?["ids"]).Distinct(StringComparer.Ordinal).ToList();
            if (ids.Count is 0 or > MaxExport)
            {
                return Refused("ids", $"请选择 1 至 {MaxExport} 个案件导出（收到 {ids.Count} 个）");
            }

            var instances = new List<WorkflowInstance>();
            foreach (var id in ids)
            {
                var instance = await store.FindInstanceAsync(id, ct);
                if (instance is null)
                {
                    return Refused("ids", $"流程实例 {id} 不存在");
                }

                caller.RequireRegion(instance.TenantId, "instance.export", id);
                instances.Add(instance);
            }

            using var zip = new MemoryStream();
            using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var instance in instances)
                {
                    var entry = archive.CreateEntry($"workflow-instance-{instance.Id}.json", CompressionLevel.Fastest);
                    await using var stream = entry.Open();
                    await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes((await ExportAsync(store, instance, ct)).ToJsonString()), ct);
                }
            }

            await audit.AppendAuditAsync(new AuditEntry(0, clock.GetUtcNow(), caller.UserName, caller.Region, "instance.export", $"{instances.Count} instances", "allowed", $"{instances.Count} 个案件"), ct);
            return Results.File(zip.ToArray(), "application/zip", "workflow-instances.zip");
        });

        const string Kept = "案件是居民的参保记录，不能在设计器中删除；办结或退费请走相应流程。";
        const string NotStopped = "案件不能在设计器中撤销：缴费、资助与退费各有其办理流程，由相应部门在待办中完成。";
        api.MapDelete("/workflow-instances/{id}", (string id) => Refused("delete", Kept));
        api.MapPost("/bulk-actions/delete/workflow-instances/by-id", () => Refused("delete", Kept));
        api.MapPost("/cancel/workflow-instances/{id}", (string id) => Refused("cancel", NotStopped));
        api.MapPost("/bulk-actions/cancel/workflow-instances", () => Refused("cancel", NotStopped));
        api.MapPost("/bulk-actions/import/workflow-instances", () => Refused("files", "案件不能从文件导入：案件由登记、税务回传或部门花名册产生。")).DisableAntiforgery();
    }

    /// <summary>One instance as a document: what the viewer shows (state, waits, incidents, variables) and its whole journal.</summary>
    private static async Task<JsonObject> ExportAsync(IInstanceStore store, WorkflowInstance instance, CancellationToken ct)
    {
        var bookmarks = await store.ListBookmarksAsync(instance.Id, ct);
        var journal = await store.GetJournalAsync(instance.Id, ct);
        return new JsonObject
        {
            ["kind"] = "workflow-instance-export",
            ["schemaVersion"] = 1,
            ["instance"] = ElsaInstances.Instance(instance, bookmarks),
            ["journal"] = new JsonArray([.. journal.Select(e => ElsaInstances.LogRecord(instance, e))]),
        };
    }

    private static IResult Refused(string field, string message) => ElsaErrors.Refused("操作未执行", field, message);
}
