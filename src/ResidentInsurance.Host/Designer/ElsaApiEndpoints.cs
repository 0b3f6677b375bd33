using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Definitions;
using ResidentInsurance.Engine.Descriptors;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Engine.Serialization;
using ResidentInsurance.Host.Access;
using ResidentInsurance.Persistence.Access;

using ResidentInsurance.Host.Regions;

namespace ResidentInsurance.Host.Designer;

/// <summary>
/// The API Elsa Studio 3.8 calls, under <c>/elsa/api</c>, backed by the engine's real definitions and version
/// lifecycle (no store of its own): descriptors from our activity library, definitions listed, read, saved as
/// draft N+1 or published through the publish gate (the region's case files), retracted. Scoped like every other
/// endpoint: a region's accounts read its definitions, only its policy administrators save and publish, each
/// save and publish audited. The region travels as the Studio's tenant (<c>X-Tenant-Id</c>), for the system
/// administrator only; everyone else works in their own region.
/// </summary>
internal static class ElsaApiEndpoints
{
    public static void MapElsaApiEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/elsa/api").WithTags("Elsa Studio API");
        var descriptors = api.MapGroup("/descriptors");
        api.MapElsaInstanceEndpoints();
        api.MapElsaActivityTestEndpoint();
        api.MapElsaInstanceActions();

        descriptors.MapGet("/activities", (ActivityRegistry registry, Microsoft.Extensions.Options.IOptions<ResidentInsurance.Engine.Runtime.EngineOptions> options) =>
        {
            var policies = ElsaDescriptors.PolicyScripts(options.Value.WorkflowsDirectory);
            return Results.Json(ElsaDescriptors.List(registry.LatestDescriptors.Select(d => (JsonNode)ElsaDescriptors.Activity(d, policies))));
        });
        descriptors.MapGet("/expression-descriptors", () => Results.Json(ElsaDescriptors.Expressions()));
        descriptors.MapGet("/workflow-activation-strategies", () => Results.Json(ElsaDescriptors.Single("typeName", "Default", "默认（每次登记启动一个实例；同一居民同一年度只一个）", "one instance per correlation id (resident and benefit year)")));
        descriptors.MapGet("/log-persistence-strategies", () => Results.Json(ElsaDescriptors.Single("typeName", "Include", "全部记录", "every step is journaled")));
        descriptors.MapGet("/incident-strategies", () => Results.Json(ElsaDescriptors.Single("typeName", "Fault", "出错即暂停待处理", "the instance faults and waits for a retry")));
        descriptors.MapGet("/commit-strategies/workflows", () => Results.Json(ElsaDescriptors.Single("name", "Default", "每步提交", "one transaction per step, with its outbox and records")));
        descriptors.MapGet("/commit-strategies/activities", () => Results.Json(ElsaDescriptors.Single("name", "Default", "每步提交", "one transaction per step")));
        descriptors.MapGet("/variables", () => Results.Json(ElsaDescriptors.VariableTypes()));
        descriptors.MapGet("/storage-drivers", () => Results.Json(ElsaDescriptors.StorageDrivers()));

        var definitions = api.MapGroup("/workflow-definitions");

        definitions.MapGet("/", async (string? versionOptions, int? page, int? pageSize, string? searchTerm, HttpRequest request, Caller caller, DefinitionService store, CancellationToken ct) =>
        {
            var region = Region(caller, request);
            var latest = await store.ListLatestAsync(region, ct);
            // The instance list asks for the versions its instances run (Ids: version ids), the filters for some definitions.
            var versionIds = request.Query["Ids"].Concat(request.Query["ids"]).OfType<string>().ToList();
            if (versionIds.Count > 0)
            {
                var versions = new List<DefinitionVersion>();
                foreach (var id in versionIds.Distinct(StringComparer.Ordinal))
                {
                    if (await store.GetByIdAsync(id, ct) is { } v && (region is null || v.TenantId == region))
                    {
                        versions.Add(v);
                    }
                }

                latest = versions;
            }
            else if (string.Equals(versionOptions, "All", StringComparison.OrdinalIgnoreCase) && (request.Query["DefinitionIds"].Count > 0 || request.Query["definitionIds"].Count > 0))
            {
                // The Studio's version history: every version of the definitions asked for.
                var versions = new List<DefinitionVersion>();
                foreach (var definitionId in request.Query["DefinitionIds"].Concat(request.Query["definitionIds"]).OfType<string>().Distinct(StringComparer.Ordinal))
                {
                    versions.AddRange((await store.ListVersionsAsync(definitionId, ct)).Where(v => region is null || v.TenantId == region).OrderByDescending(v => v.Version));
                }

                latest = versions;
            }

            var definitionIds = request.Query["DefinitionIds"].Concat(request.Query["definitionIds"]).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var items = latest.Where(v => definitionIds.Count == 0 || definitionIds.Contains(v.DefinitionId)).Where(v => string.IsNullOrWhiteSpace(searchTerm) || (v.Name ?? "").Contains(searchTerm, StringComparison.OrdinalIgnoreCase) || v.DefinitionId.Contains(searchTerm, StringComparison.OrdinalIgnoreCase))
                .Where(v => !string.Equals(versionOptions, "Published", StringComparison.OrdinalIgnoreCase) || v.IsPublished)
                .OrderBy(v => v.DefinitionId, StringComparer.Ordinal).ToList();
            var size = pageSize is > 0 and <= 500 ? pageSize.Value : 100;
            var from = (page is > 0 ? page.Value : 0) * size;
            return Results.Json(new JsonObject
            {
                ["items"] = new JsonArray([.. items.Skip(from).Take(size).Select(v => (JsonNode)ElsaDefinitions.Summary(v))]),
                ["totalCount"] = items.Count,
                ["links"] = new JsonArray(),
            });
        });

        definitions.MapGet("/by-definition-id/{definitionId}", async (string definitionId, string? versionOptions, Caller caller, DefinitionService store, CancellationToken ct) =>
        {
            var found = await FindAsync(store, definitionId, versionOptions, ct);
            if (found is null)
            {
                return NotFound(definitionId, versionOptions);
            }

            caller.RequireRegion(found.TenantId, "definition.read", definitionId);
            return Results.Json(ElsaDefinitions.Definition(found));
        });

        definitions.MapGet("/by-id/{id}", async (string id, Caller caller, DefinitionService store, CancellationToken ct) =>
        {
            var found = await store.GetByIdAsync(id, ct);
            if (found is null)
            {
                return NotFound(id, null);
            }

            caller.RequireRegion(found.TenantId, "definition.read", id);
            return Results.Json(ElsaDefinitions.Definition(found));
        });

        definitions.MapGet("/validation/is-name-unique", async (string? name, string? definitionId, HttpRequest request, Caller caller, DefinitionService store, CancellationToken ct) =>
            Results.Json(new JsonObject
            {
                ["isUnique"] = !(await store.ListLatestAsync(Region(caller, request), ct)).Any(v => v.Name == name && v.DefinitionId != definitionId),
            }));

        definitions.MapPost("/", async (JsonObject body, HttpRequest request, Caller caller, DefinitionService store, IAccessStore audit, VersionDiff diff, TimeProvider clock, CancellationToken ct) =>
        {
            if (body["model"] is not JsonObject model || model["definitionId"] is not JsonValue id || !id.TryGetValue<string>(out var definitionId) || definitionId.Length == 0)
            {
                return Results.Problem(title: "请求有误", detail: "model.definitionId is required", statusCode: 400, extensions: new Dictionary<string, object?> { ["field"] = "model.definitionId" });
            }

            // The region is the definition's own when it exists; a new one belongs to the administrator's region.
            var existing = (await store.ListVersionsAsync(definitionId, ct)).FirstOrDefault();
            var region = existing?.TenantId ?? Region(caller, request);
            caller.RequirePolicyAdmin(region, "definition.save", definitionId);
            var publish = body["publish"] is JsonValue p && p.TryGetValue<bool>(out var flag) && flag;
            var parsed = WorkflowJson.ParseDefinition(ElsaDefinitions.Document(model, region!), "model");
            var provenance = new Provenance(Provenance.Designer, caller.UserName, clock.GetUtcNow());
            var previous = await store.GetAsync(definitionId, publish ? VersionOptions.Published : VersionOptions.Latest, ct);
            DefinitionVersion saved;
            try
            {
                saved = publish ? await store.SaveAndPublishAsync(parsed, provenance, ct) : await store.SaveDraftAsync(parsed, provenance, ct);
            }
            catch (PublishRefusedException refused)
            {
                await audit.AppendAuditAsync(new AuditEntry(0, clock.GetUtcNow(), caller.UserName, region, "definition.publish", definitionId, "refused",
                    $"设计器；{refused.Problems.Count} 个政策案例不成立：{string.Join("；", refused.Problems.Take(3))}"), ct);
                throw;
            }

            await audit.AppendAuditAsync(new AuditEntry(0, clock.GetUtcNow(), caller.UserName, saved.TenantId, publish ? "definition.publish" : "definition.save",
                $"{saved.DefinitionId} v{saved.Version}", "allowed", await diff.AuditDetailAsync("设计器；", previous, saved, ct)), ct);
            return Results.Json(new JsonObject { ["workflowDefinition"] = ElsaDefinitions.Definition(saved), ["alreadyPublished"] = false, ["consumingWorkflowCount"] = 0 });
        });

        definitions.MapPost("/{definitionId}/publish", async (string definitionId, Caller caller, DefinitionService store, IAccessStore audit, VersionDiff diff, TimeProvider clock, CancellationToken ct) =>
        {
            caller.RequirePolicyAdmin((await store.ListVersionsAsync(definitionId, ct)).FirstOrDefault()?.TenantId, "definition.publish", definitionId);
            var previous = await store.GetAsync(definitionId, VersionOptions.Published, ct);
            var (version, already) = await store.PublishAsync(definitionId, caller.UserName, ct);
            await audit.AppendAuditAsync(new AuditEntry(0, clock.GetUtcNow(), caller.UserName, version.TenantId, "definition.publish", $"{version.DefinitionId} v{version.Version}", "allowed",
                already ? "设计器；already published" : await diff.AuditDetailAsync("设计器；", previous, version, ct)), ct);
            return Results.Json(new JsonObject { ["workflowDefinition"] = ElsaDefinitions.Definition(version), ["alreadyPublished"] = already, ["consumingWorkflowCount"] = 0 });
        });

        definitions.MapPost("/{definitionId}/retract", async (string definitionId, Caller caller, DefinitionService store, IAccessStore audit, TimeProvider clock, CancellationToken ct) =>
        {
            caller.RequirePolicyAdmin((await store.ListVersionsAsync(definitionId, ct)).FirstOrDefault()?.TenantId, "definition.retract", definitionId);
            var retracted = await store.RetractAsync(definitionId, ct);
            await audit.AppendAuditAsync(new AuditEntry(0, clock.GetUtcNow(), caller.UserName, retracted.TenantId, "definition.retract", $"{retracted.DefinitionId} v{retracted.Version}", "allowed", "设计器"), ct);
            return Results.Json(ElsaDefinitions.Definition(retracted));
        });

        // Revert: an earlier version's content becomes the draft (N+1 when the latest is published), audited.
        definitions.MapPost("/{definitionId}/revert/{version:int}", async (string definitionId, int version, Caller caller, DefinitionService store, IAccessStore audit, VersionDiff diff, TimeProvider clock, CancellationToken ct) =>
        {
            caller.RequirePolicyAdmin((await store.ListVersionsAsync(definitionId, ct)).FirstOrDefault()?.TenantId, "definition.revert", definitionId);
            var earlier = await store.GetVersionAsync(definitionId, version, ct);
            if (earlier is null)
            {
                return NotFound(definitionId, $"version {version}");
            }

            var previous = await store.GetAsync(definitionId, VersionOptions.Latest, ct);
            var draft = await store.SaveDraftAsync(WorkflowJson.ParseDefinition(earlier.Json), new Provenance(Provenance.Designer, caller.UserName, clock.GetUtcNow()), ct);
            await audit.AppendAuditAsync(new AuditEntry(0, clock.GetUtcNow(), caller.UserName, draft.TenantId, "definition.save", $"{draft.DefinitionId} v{draft.Version}", "allowed",
                await diff.AuditDetailAsync($"设计器；恢复为第 {version} 版的内容；", previous, draft, ct)), ct);
            return Results.Json(ElsaDefinitions.Definition(draft));
        });

        // The Studio's Run button: a case needs its resident (registration, the tax feed, a department's roster), so the
        // designer does not start one; answered the way Elsa says "cannot start", which the Studio shows as a message.
        // A draft is tried with the what-if (POST /api/definitions/{id}/what-if) or the simulation.
        definitions.MapPost("/{definitionId}/execute", async (string definitionId, HttpContext http, Caller caller, DefinitionService store, CancellationToken ct) =>
        {
            caller.RequireRegion((await store.ListVersionsAsync(definitionId, ct)).FirstOrDefault()?.TenantId, "definition.execute", definitionId);
            http.Response.Headers["x-elsa-workflow-cannot-start"] = "true";
            return Results.Json(new JsonObject { ["message"] = "流程由登记、税务回传或部门花名册启动，设计器中不直接运行；请用试算或“人群测算”（what-if）检验草稿。" });
        });
        definitions.MapPost("/{definitionId}/dispatch", async (string definitionId, HttpContext http, Caller caller, DefinitionService store, CancellationToken ct) =>
        {
            caller.RequireRegion((await store.ListVersionsAsync(definitionId, ct)).FirstOrDefault()?.TenantId, "definition.execute", definitionId);
            http.Response.Headers["x-elsa-workflow-cannot-start"] = "true";
            return Results.Json(new JsonObject { ["message"] = "流程由登记、税务回传或部门花名册启动，设计器中不直接运行。" });
        });

        // Versions are kept for good (instances and the audit refer to them): a delete is answered as a validation error the Studio shows.
        IResult KeepVersions(string what) => ElsaErrors.Refused("流程版本不可删除", "delete", "流程版本不可删除：正在办理的案件和审计记录引用这些版本；如需停用，请撤销发布。",
            $"{what}: versions are kept (running instances and the audit refer to them); retract a published version instead");
        definitions.MapDelete("/{definitionId}", (string definitionId) => KeepVersions(definitionId));
        api.MapDelete("/workflow-definition-versions/{id}", (string id) => KeepVersions(id));
        api.MapPost("/bulk-actions/delete/workflow-definitions/by-definition-id", () => KeepVersions("bulk delete"));
        api.MapPost("/bulk-actions/delete/workflow-definitions/by-id", () => KeepVersions("bulk delete"));

        api.MapPost("/scripting/javascript/type-definitions/{definitionId}", async (string definitionId, Caller caller, DefinitionService store, CancellationToken ct) =>
        {
            var found = await FindAsync(store, definitionId, "Latest", ct);
            if (found is not null)
            {
                caller.RequireRegion(found.TenantId, "definition.read", definitionId);
            }

            return Results.Text(ElsaDefinitions.TypeDefinitions(found), "application/x-typescript; charset=utf-8");
        });
    }

    /// <summary>The caller's region; the system administrator picks one with the Studio's tenant header.</summary>
    private static string? Region(Caller caller, HttpRequest request) =>
        caller.IsSystemAdmin ? request.Headers["X-Tenant-Id"].FirstOrDefault() is { Length: > 0 } tenant ? tenant : null : caller.Region;

    private static async Task<DefinitionVersion?> FindAsync(DefinitionService store, string definitionId, string? versionOptions, CancellationToken ct)
    {
        if (int.TryParse(versionOptions, out var number) || (versionOptions?.StartsWith("Version:", StringComparison.OrdinalIgnoreCase) == true && int.TryParse(versionOptions[8..], out number)))
        {
            return await store.GetVersionAsync(definitionId, number, ct);
        }

        var options = Enum.TryParse<VersionOptions>(versionOptions, ignoreCase: true, out var parsed) ? parsed : VersionOptions.Latest;
        return await store.GetAsync(definitionId, options, ct);
    }

    private static IResult NotFound(string id, string? versionOptions) =>
        Results.Problem(title: "工作流不存在", detail: $"workflow '{id}' has no version '{versionOptions ?? "Latest"}'", statusCode: 404);
}
