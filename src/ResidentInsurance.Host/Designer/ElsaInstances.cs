using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Host.Access;

namespace ResidentInsurance.Host.Designer;

/// <summary>
/// Our real instances in the shapes the Studio's instance list and viewer read: the list (POST workflow-instances,
/// paged, newest first, filtered by definition, status and correlation id), an instance with its state (bookmarks,
/// incidents, input), its journal as Elsa's execution log, and per activity how often it started and completed —
/// so operators see in the Studio where each case stands. Scoped to the caller's region like the definitions.
/// </summary>
internal static class ElsaInstances
{
    public static void MapElsaInstanceEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/workflow-instances", async (JsonObject? body, HttpRequest request, Caller caller, IInstanceStore store, CancellationToken ct) =>
        {
            var region = RegionOf(caller, request);
            caller.RequireRegion(region, "instance.list", region ?? "");
            var page = Int(body?["page"]) ?? 0;
            var pageSize = Math.Clamp(Int(body?["pageSize"]) ?? 15, 1, 200);
            var definitionIds = Strings(body?["definitionIds"]).Concat(Strings(body?["definitionId"])).ToList();
            var statuses = Strings(body?["statuses"]).Concat(Strings(body?["status"])).SelectMany(FromElsaStatus)
                .Concat(Strings(body?["subStatuses"]).Concat(Strings(body?["subStatus"])).SelectMany(FromElsaSubStatus)).Distinct().ToList();
            var search = Strings(body?["searchTerm"]).FirstOrDefault() is { Length: > 0 } term ? term.Trim() : null;
            var query = new InstanceQuery(region, CorrelationId: Strings(body?["correlationId"]).FirstOrDefault() ?? (search?.Contains('/') == true ? search : null))
            {
                DefinitionIds = definitionIds, Statuses = statuses, NewestFirst = Strings(body?["orderDirection"]).FirstOrDefault() != "Ascending",
            };
            if (search is not null && !search.Contains('/'))
            {
                // A search term is an ID number: any benefit year of that person.
                var found = (await store.ListInstancesAsync(query with { Skip = 0, Take = 10_000 }, ct)).Where(i => i.CorrelationId?.StartsWith(search + "/", StringComparison.Ordinal) == true).ToList();
                return Results.Json(new JsonObject { ["items"] = new JsonArray([.. found.Skip(page * pageSize).Take(pageSize).Select(Summary)]), ["totalCount"] = found.Count });
            }

            var items = await store.ListInstancesAsync(query with { Skip = page * pageSize, Take = pageSize }, ct);
            return Results.Json(new JsonObject { ["items"] = new JsonArray([.. items.Select(Summary)]), ["totalCount"] = await store.CountInstancesAsync(query, ct) });
        });

        api.MapGet("/workflow-instances/{id}", async (string id, Caller caller, IInstanceStore store, CancellationToken ct) =>
        {
            var instance = await store.FindInstanceAsync(id, ct);
            if (instance is null)
            {
                return NotFound(id);
            }

            caller.RequireRegion(instance.TenantId, "instance.read", id);
            var bookmarks = await store.ListBookmarksAsync(id, ct);
            return Results.Json(Instance(instance, bookmarks));
        });

        api.MapMethods("/workflow-instances/{id}/journal", ["GET", "POST"], async (string id, int? skip, int? take, Caller caller, IInstanceStore store, CancellationToken ct) =>
        {
            var instance = await store.FindInstanceAsync(id, ct);
            if (instance is null)
            {
                return NotFound(id);
            }

            caller.RequireRegion(instance.TenantId, "instance.read", id);
            var journal = await store.GetJournalAsync(id, ct);
            var page = journal.Skip(skip ?? 0).Take(Math.Clamp(take ?? 100, 1, 1000));
            return Results.Json(new JsonObject { ["items"] = new JsonArray([.. page.Select(e => LogRecord(instance, e))]), ["totalCount"] = journal.Count });
        });

        api.MapGet("/workflow-instances/{id}/execution-state", async (string id, Caller caller, IInstanceStore store, CancellationToken ct) =>
        {
            var instance = await store.FindInstanceAsync(id, ct);
            if (instance is null)
            {
                return NotFound(id);
            }

            caller.RequireRegion(instance.TenantId, "instance.read", id);
            var (status, subStatus) = ElsaStatus(instance.Status);
            return Results.Json(new JsonObject { ["status"] = status, ["workflowSubStatus"] = subStatus, ["updatedAt"] = instance.UpdatedAt });
        });

        api.MapGet("/workflow-instances/{id}/variables", async (string id, Caller caller, IInstanceStore store, IDefinitionStore definitions, CancellationToken ct) =>
        {
            var instance = await store.FindInstanceAsync(id, ct);
            if (instance is null)
            {
                return NotFound(id);
            }

            caller.RequireRegion(instance.TenantId, "instance.read", id);
            var declared = JsonNode.Parse((await definitions.FindVersionAsync(instance.DefinitionVersionId, ct))?.Json ?? "{}")?["variables"] as JsonArray ?? [];
            var items = new JsonArray([.. instance.Variables.Select(v => (JsonNode)new JsonObject
            {
                ["id"] = declared.OfType<JsonObject>().FirstOrDefault(d => d["name"]?.GetValue<string>() == v.Key)?["id"]?.DeepClone() ?? v.Key,
                ["name"] = v.Key,
                ["value"] = v.Value?.DeepClone(),
            })]);
            return Results.Json(new JsonObject { ["items"] = items, ["count"] = items.Count });
        });

        api.MapGet("/activity-executions/list", async (string? workflowInstanceId, string? activityNodeId, Caller caller, IInstanceStore store, CancellationToken ct) =>
        {
            var instance = workflowInstanceId is null ? null : await store.FindInstanceAsync(workflowInstanceId, ct);
            if (instance is null)
            {
                return NotFound(workflowInstanceId ?? "");
            }

            caller.RequireRegion(instance.TenantId, "instance.read", instance.Id);
            var items = await ExecutionsAsync(store, instance, activityNodeId, ct);
            foreach (var item in items.OfType<JsonObject>())
            {
                item["properties"] = new JsonObject();
                item["aggregateFaultCount"] = item["status"]!.GetValue<string>() == "Faulted" ? 1 : 0;
            }

            return Results.Json(new JsonObject { ["items"] = items, ["count"] = items.Count });
        });

        api.MapPost("/activity-executions/report", async (JsonObject? body, Caller caller, IInstanceStore store, CancellationToken ct) =>
        {
            var id = Strings(body?["workflowInstanceId"]).FirstOrDefault() ?? "";
            var instance = await store.FindInstanceAsync(id, ct);
            if (instance is null)
            {
                return NotFound(id);
            }

            caller.RequireRegion(instance.TenantId, "instance.read", id);
            var wanted = Strings(body?["activityNodeIds"]).ToHashSet(StringComparer.Ordinal);
            var journal = await store.GetJournalAsync(id, ct);
            var bookmarks = await store.ListBookmarksAsync(id, ct);
            var stats = journal.GroupBy(e => (e.ActivityId, NodeId: e.ActivityNodeId ?? e.ActivityId))
                .Where(g => wanted.Count == 0 || wanted.Contains(g.Key.NodeId))
                .Select(g =>
                {
                    var started = g.Count(e => e.Event == JournalEventKind.Started);
                    var completed = g.Count(e => e.Event == JournalEventKind.Completed);
                    return (JsonNode)new JsonObject
                    {
                        ["activityId"] = g.Key.ActivityId,
                        ["activityNodeId"] = g.Key.NodeId,
                        ["startedCount"] = started,
                        ["completedCount"] = completed,
                        ["uncompletedCount"] = Math.Max(0, started - completed),
                        ["isBlocked"] = bookmarks.Any(b => b.ActivityId == g.Key.ActivityId),
                        ["isFaulted"] = g.Any(e => e.Event == JournalEventKind.Faulted),
                        ["metadata"] = new JsonObject(),
                    };
                });
            return Results.Json(new JsonObject { ["stats"] = new JsonArray([.. stats]) });
        });

        api.MapGet("/activity-executions/by-id", async (string? id, Caller caller, IInstanceStore store, CancellationToken ct) =>
        {
            if (id is null || await FindExecutionAsync(store, id, ct) is not { } found)
            {
                return ExecutionNotFound(id ?? "");
            }

            caller.RequireRegion(found.Instance.TenantId, "instance.read", found.Instance.Id);
            var stack = CallStack(found.Executions, found.Target);
            return Results.Json(ExecutionRecord(found.Instance, found.Target, await store.ListBookmarksAsync(found.Instance.Id, ct), stack.Count - 1));
        });

        api.MapGet("/activity-executions/{id}/call-stack", async (string id, int? skip, int? take, Caller caller, IInstanceStore store, CancellationToken ct) =>
        {
            if (await FindExecutionAsync(store, id, ct) is not { } found)
            {
                return ExecutionNotFound(id);
            }

            caller.RequireRegion(found.Instance.TenantId, "instance.read", found.Instance.Id);
            var bookmarks = await store.ListBookmarksAsync(found.Instance.Id, ct);
            var stack = CallStack(found.Executions, found.Target);
            var page = stack.Select((x, depth) => (JsonNode)ExecutionRecord(found.Instance, x, bookmarks, depth)).Skip(Math.Max(0, skip ?? 0)).Take(take is > 0 and <= 1000 ? take.Value : 100);
            return Results.Json(new JsonObject { ["activityExecutionId"] = id, ["items"] = new JsonArray([.. page]), ["totalCount"] = stack.Count });
        });

        api.MapGet("/activity-execution-summaries/list", async (string? workflowInstanceId, string? activityNodeId, Caller caller, IInstanceStore store, CancellationToken ct) =>
        {
            var instance = workflowInstanceId is null ? null : await store.FindInstanceAsync(workflowInstanceId, ct);
            if (instance is null)
            {
                return NotFound(workflowInstanceId ?? "");
            }

            caller.RequireRegion(instance.TenantId, "instance.read", instance.Id);
            var items = await ExecutionsAsync(store, instance, activityNodeId, ct);
            return Results.Json(new JsonObject { ["items"] = items, ["count"] = items.Count });
        });
    }

    /// <summary>Each execution of an activity, from its Started entry in the journal to its end (or still open, waiting).</summary>
    private static async Task<JsonArray> ExecutionsAsync(IInstanceStore store, WorkflowInstance instance, string? activityNodeId, CancellationToken ct)
    {
        var bookmarks = await store.ListBookmarksAsync(instance.Id, ct);
        var executions = Executions(await store.GetJournalAsync(instance.Id, ct)).Where(x => activityNodeId is null || NodeId(x.Started) == activityNodeId);
        return new JsonArray([.. executions.Select(x => (JsonNode)ExecutionSummary(instance, x.Started, x.Ended, bookmarks))]);
    }

    /// <summary>The journal paired into executions: ended ones in the order they ended, then the open ones in the order they started.</summary>
    private static List<(JournalEntry Started, JournalEntry? Ended)> Executions(IReadOnlyList<JournalEntry> journal)
    {
        var executions = new List<(JournalEntry, JournalEntry?)>();
        var open = new Dictionary<string, JournalEntry>(StringComparer.Ordinal);
        foreach (var e in journal)
        {
            if (e.Event == JournalEventKind.Started)
            {
                open[e.ActivityId] = e;
            }
            else if (e.Event is JournalEventKind.Completed or JournalEventKind.Faulted or JournalEventKind.Cancelled && open.Remove(e.ActivityId, out var started))
            {
                executions.Add((started, e));
            }
        }

        executions.AddRange(open.Values.OrderBy(e => e.Sequence).Select(e => (e, (JournalEntry?)null)));
        return executions;
    }

    private static string NodeId(JournalEntry e) => e.ActivityNodeId ?? e.ActivityId;

    /// <summary>
    /// Elsa's call stack of an execution, root first: the executions that scheduled one another up to it. Our
    /// definitions are one flowchart, which the engine runs activity by activity (the chart itself is not journaled),
    /// so an activity's scheduler is the one that ended last before it started.
    /// </summary>
    private static List<(JournalEntry Started, JournalEntry? Ended)> CallStack(List<(JournalEntry Started, JournalEntry? Ended)> executions, (JournalEntry Started, JournalEntry? Ended) target)
    {
        var chain = new List<(JournalEntry Started, JournalEntry? Ended)> { target };
        var current = target;
        while (chain.Count < 1000 && executions.Where(x => x.Ended is { } ended && ended.Sequence < current.Started.Sequence)
                   .OrderByDescending(x => x.Ended!.Sequence).FirstOrDefault() is { Started: not null } previous)
        {
            chain.Insert(0, previous);
            current = previous;
        }

        return chain;
    }

    private static async Task<(WorkflowInstance Instance, List<(JournalEntry Started, JournalEntry? Ended)> Executions, (JournalEntry Started, JournalEntry? Ended) Target)?> FindExecutionAsync(IInstanceStore store, string id, CancellationToken ct)
    {
        var separator = id.LastIndexOf(':');
        if (separator <= 0 || !long.TryParse(id[(separator + 1)..], out var sequence) || await store.FindInstanceAsync(id[..separator], ct) is not { } instance)
        {
            return null;
        }

        var executions = Executions(await store.GetJournalAsync(instance.Id, ct));
        var target = executions.FirstOrDefault(x => x.Started.Sequence == sequence);
        return target.Started is null ? null : (instance, executions, target);
    }

    /// <summary>An execution as Elsa's full record: the summary, its outcome and message, no state of its own.</summary>
    private static JsonObject ExecutionRecord(WorkflowInstance instance, (JournalEntry Started, JournalEntry? Ended) x, IReadOnlyList<Bookmark> bookmarks, int? depth)
    {
        var record = ExecutionSummary(instance, x.Started, x.Ended, bookmarks);
        record["activityState"] = new JsonObject();
        record["payload"] = new JsonObject();
        record["outputs"] = x.Ended?.Outcome is { } outcome ? new JsonObject { ["outcome"] = outcome } : new JsonObject();
        record["properties"] = new JsonObject();
        record["exception"] = x.Ended is { Event: JournalEventKind.Faulted } faulted ? new JsonObject { ["type"] = "ActivityFault", ["message"] = faulted.Message ?? "", ["stackTrace"] = null } : null;
        record["aggregateFaultCount"] = x.Ended?.Event == JournalEventKind.Faulted ? 1 : 0;
        record["callStackDepth"] = depth;
        return record;
    }

    private static JsonObject ExecutionSummary(WorkflowInstance instance, JournalEntry started, JournalEntry? ended, IReadOnlyList<Bookmark> bookmarks) => new()
    {
        ["id"] = $"{instance.Id}:{started.Sequence}",
        ["workflowInstanceId"] = instance.Id,
        ["activityId"] = started.ActivityId,
        ["activityNodeId"] = started.ActivityNodeId ?? started.ActivityId,
        ["activityType"] = started.ActivityType,
        ["activityTypeVersion"] = started.ActivityVersion,
        ["activityName"] = started.ActivityId,
        ["startedAt"] = started.At,
        ["hasBookmarks"] = ended is null && bookmarks.Any(b => b.ActivityId == started.ActivityId),
        ["status"] = ended?.Event switch
        {
            JournalEventKind.Completed => "Completed",
            JournalEventKind.Faulted => "Faulted",
            JournalEventKind.Cancelled => "Canceled",
            _ => "Running",
        },
        ["completedAt"] = ended?.At,
        ["metadata"] = new JsonObject(),
    };

    /// <summary>Elsa's (status, sub-status): a waiting instance is Running / Suspended; a faulted one Finished / Faulted.</summary>
    public static (string Status, string SubStatus) ElsaStatus(WorkflowStatus status) => status switch
    {
        WorkflowStatus.Running => ("Running", "Executing"),
        WorkflowStatus.Suspended => ("Running", "Suspended"),
        WorkflowStatus.Finished => ("Finished", "Finished"),
        WorkflowStatus.Faulted => ("Finished", "Faulted"),
        _ => ("Finished", "Cancelled"),
    };

    private static IEnumerable<WorkflowStatus> FromElsaStatus(string status) => status switch
    {
        "Running" => [WorkflowStatus.Running, WorkflowStatus.Suspended],
        "Finished" => [WorkflowStatus.Finished, WorkflowStatus.Faulted, WorkflowStatus.Cancelled],
        _ => [],
    };

    private static IEnumerable<WorkflowStatus> FromElsaSubStatus(string subStatus) => subStatus switch
    {
        "Executing" or "Pending" => [WorkflowStatus.Running],
        "Suspended" => [WorkflowStatus.Suspended],
        "Finished" => [WorkflowStatus.Finished],
        "Faulted" => [WorkflowStatus.Faulted],
        "Cancelled" => [WorkflowStatus.Cancelled],
        _ => [],
    };

    public static JsonNode Summary(WorkflowInstance i)
    {
        var (status, subStatus) = ElsaStatus(i.Status);
        return new JsonObject
        {
            ["id"] = i.Id,
            ["definitionId"] = i.DefinitionId,
            ["definitionVersionId"] = i.DefinitionVersionId,
            ["version"] = i.Version,
            ["status"] = status,
            ["subStatus"] = subStatus,
            ["correlationId"] = i.CorrelationId,
            ["name"] = i.CorrelationId,
            ["incidentCount"] = i.Incidents.Count(x => !x.Resolved),
            ["createdAt"] = i.CreatedAt,
            ["updatedAt"] = i.UpdatedAt,
            ["finishedAt"] = i.FinishedAt,
        };
    }

    internal static JsonObject Instance(WorkflowInstance i, IReadOnlyList<Bookmark> bookmarks)
    {
        var summary = (JsonObject)Summary(i);
        var (status, subStatus) = ElsaStatus(i.Status);
        summary["workflowState"] = new JsonObject
        {
            ["id"] = i.Id,
            ["definitionId"] = i.DefinitionId,
            ["definitionVersionId"] = i.DefinitionVersionId,
            ["definitionVersion"] = i.Version,
            ["correlationId"] = i.CorrelationId,
            ["status"] = status,
            ["subStatus"] = subStatus,
            ["bookmarks"] = new JsonArray([.. bookmarks.Select(b => (JsonNode)new JsonObject
            {
                ["id"] = b.Id, ["name"] = b.Name, ["hash"] = b.CorrelationKey ?? "", ["payload"] = b.Payload?.DeepClone(),
                ["activityId"] = b.ActivityId, ["activityNodeId"] = b.ActivityNodeId ?? b.ActivityId, ["activityInstanceId"] = $"{i.Id}:{b.ActivityId}",
                ["createdAt"] = b.CreatedAt, ["autoBurn"] = true,
            })]),
            ["incidents"] = new JsonArray([.. i.Incidents.Select(x => (JsonNode)new JsonObject
            {
                ["activityId"] = x.ActivityId, ["activityNodeId"] = x.ActivityNodeId ?? x.ActivityId, ["activityType"] = x.ActivityType,
                ["message"] = $"{x.Kind}: {x.Message}", ["timestamp"] = x.At,
            })]),
            ["completionCallbacks"] = new JsonArray(),
            ["activityExecutionContexts"] = new JsonArray(),
            ["input"] = i.Input.DeepClone(),
            ["output"] = new JsonObject(),
            ["properties"] = new JsonObject { ["variables"] = i.Variables.DeepClone() },
            ["createdAt"] = i.CreatedAt,
            ["updatedAt"] = i.UpdatedAt,
            ["finishedAt"] = i.FinishedAt,
        };
        return summary;
    }

    internal static JsonNode LogRecord(WorkflowInstance instance, JournalEntry e) => new JsonObject
    {
        ["id"] = $"{instance.Id}:{e.Sequence}",
        ["activityInstanceId"] = $"{instance.Id}:{e.ActivityId}",
        ["parentActivityInstanceId"] = null,
        ["activityId"] = e.ActivityId,
        ["activityType"] = e.ActivityType,
        ["activityTypeVersion"] = e.ActivityVersion,
        ["activityName"] = e.ActivityId,
        ["nodeId"] = e.ActivityNodeId ?? e.ActivityId,
        ["timestamp"] = e.At,
        ["sequence"] = e.Sequence,
        ["eventName"] = e.Event.ToString(),
        ["message"] = e.Message ?? (e.Outcome is null ? null : $"→ {e.Outcome}"),
        ["source"] = null,
        ["activityState"] = null,
        ["payload"] = e.Outcome is null ? null : new JsonObject { ["outcome"] = e.Outcome },
    };

    private static IResult ExecutionNotFound(string id) => Results.Problem(title: "活动执行记录不存在", detail: $"activity execution '{id}' does not exist", statusCode: 404);

    internal static IResult NotFound(string id) => Results.Problem(title: "流程实例不存在", detail: $"workflow instance '{id}' does not exist", statusCode: 404);

    private static string? RegionOf(Caller caller, HttpRequest request) =>
        caller.IsSystemAdmin ? request.Headers["X-Tenant-Id"].FirstOrDefault() is { Length: > 0 } tenant ? tenant : null : caller.Region;

    private static int? Int(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out var n) ? n : null;

    internal static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        JsonArray a => a.OfType<JsonValue>().Select(x => x.TryGetValue<string>(out var s) ? s : null).OfType<string>(),
        _ => [],
    };
}
