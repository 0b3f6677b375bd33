using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ResidentInsurance.Engine.Definitions;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Engine.Serialization;
using ResidentInsurance.Host.Access;
using ResidentInsurance.Host.Regions;
using ResidentInsurance.Persistence.Access;
using ResidentInsurance.Persistence.Regions;
using ResidentInsurance.Simulation;

namespace ResidentInsurance.Host.Api;

/// <summary>
/// Regions clone and adapt each other's processes: clone a region (its published processes, parameters and case files),
/// change the parameters (the region's processes are republished pinning them: no rebuild, no restart, running
/// instances stay on their versions), and diff two regions parameter by parameter and activity by activity.
/// </summary>
internal static partial class RegionAdminEndpoints
{
    public sealed record CloneBody(string? Source, string? Name);

    [GeneratedRegex("^[a-z][a-z0-9-]{1,39}$")]
    private static partial Regex RegionCode();

    public static void MapRegionAdminEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/regions/{target}/clone", async (string target, CloneBody body, Caller caller, RegionDocuments regions, IRegionParameterStore stored,
            ICaseFileSource caseFiles, IRegionCaseStore storedCases, DefinitionService definitions, IAccessStore audit, TimeProvider clock, CancellationToken ct) =>
        {
            caller.RequireSystemAdmin("region.clone", target);
            if (!RegionCode().IsMatch(target))
            {
                return Problem("target", $"'{target}' is not a region code (lowercase letters, digits and '-', 2 to 40)");
            }

            if (body.Source is null || await regions.FindAsync(body.Source, ct) is not { } source)
            {
                return Results.Problem(title: "地区不存在", detail: $"source region '{body.Source}' does not exist", statusCode: 404, extensions: new Dictionary<string, object?> { ["field"] = "source" });
            }

            if (await regions.FindAsync(target, ct) is not null || (await definitions.ListLatestAsync(target, ct)).Count > 0)
            {
                return Results.Problem(title: "地区已存在", detail: $"region '{target}' exists already", statusCode: 409);
            }

            var now = clock.GetUtcNow();
            var document = (JsonObject)source.DeepClone();
            document["code"] = target;
            document["name"] = body.Name ?? $"{document["name"]}（复制）";
            document["clonedFrom"] = new JsonObject { ["region"] = body.Source, ["at"] = now.ToString("O"), ["by"] = caller.UserName };
            await stored.SaveAsync(new StoredRegionParameters(target, document.ToJsonString(), body.Source, caller.UserName, now), ct);

            // The source's case files come along, now about the target: its publish gate holds the clone to them until
            // its administrator corrects or withdraws the ones its own notice changes.
            var copies = new List<StoredRegionCase>();
            foreach (var file in await caseFiles.ListAsync(body.Source, ct))
            {
                if (JsonNode.Parse(file.Json) is JsonObject caseFile && caseFile["case"] is JsonObject caseData)
                {
                    caseData["region"] = target;
                    copies.Add(new StoredRegionCase(target, file.Name, caseFile.ToJsonString(), body.Source, caller.UserName, now));
                }
            }

            await storedCases.SaveAllAsync(copies, ct);

            var cloned = new JsonArray();
            foreach (var version in (await definitions.ListLatestAsync(body.Source, ct)).Where(v => v.IsPublished))
            {
                var json = JsonNode.Parse(version.Json)!.AsObject();
                var process = version.DefinitionId.StartsWith(body.Source + "-", StringComparison.Ordinal) ? version.DefinitionId[(body.Source.Length + 1)..] : version.DefinitionId;
                json["definitionId"] = $"{target}-{process}";
                json["tenantId"] = target;
                foreach (var key in new[] { "id", "version", "isLatest", "isPublished" })
                {
                    json.Remove(key);
                }

                var saved = await definitions.SaveAndPublishAsync(WorkflowJson.ParseDefinition(json.ToJsonString()),
                    new Provenance(Provenance.Cloned, caller.UserName, now, SourceTenantId: body.Source, SourceDefinitionId: version.DefinitionId, SourceVersion: version.Version), ct);
                cloned.Add(new JsonObject { ["definitionId"] = saved.DefinitionId, ["version"] = saved.Version, ["from"] = $"{version.DefinitionId} v{version.Version}" });
            }

            await audit.AppendAuditAsync(new AuditEntry(0, now, caller.UserName, target, "region.clone", target, "allowed", $"from {body.Source}: {cloned.Count} processes, {copies.Count} case files"), ct);
            return Results.Ok(new { region = target, source = body.Source, processes = cloned, caseFiles = copies.Count });
        }).WithTags("Regions");

        app.MapPut("/api/regions/{code}/parameters", async (string code, HttpRequest request, Caller caller, RegionDocuments regions, IRegionParameterStore stored,
            DefinitionService definitions, IAccessStore audit, TimeProvider clock, CancellationToken ct) =>
        {
            caller.RequirePolicyAdmin(code, "region.parameters", code);
            if (await regions.FindAsync(code, ct) is not { } current)
            {
                return Results.Problem(title: "地区不存在", detail: $"region '{code}' does not exist", statusCode: 404);
            }

            JsonObject? document;
            try
            {
                using var reader = new StreamReader(request.Body);
                document = JsonNode.Parse(await reader.ReadToEndAsync(ct)) as JsonObject;
            }
            catch (System.Text.Json.JsonException ex)
            {
                return Problem("body", $"the parameters are not JSON: {ex.Message}");
            }

            if (document is null || document["kind"]?.GetValue<string>() != "region" || document["code"]?.GetValue<string>() != code || document["years"] is not JsonObject)
            {
                return Problem("body", $"a region document for '{code}' has kind \"region\", code \"{code}\" and years");
            }

            var changes = RegionDiff.Parameters(current, document);
            var now = clock.GetUtcNow();
            var previous = await stored.FindAsync(code, ct);
            await stored.SaveAsync(new StoredRegionParameters(code, document.ToJsonString(), previous?.SourceRegion, caller.UserName, now), ct);
            var republished = new JsonArray();
            try
            {
                foreach (var version in (await definitions.ListLatestAsync(code, ct)).Where(v => v.IsPublished))
                {
                    var saved = await definitions.SaveAndPublishAsync(WorkflowJson.ParseDefinition(version.Json),
                        new Provenance(Provenance.Api, caller.UserName, now), ct);
                    republished.Add(new JsonObject { ["definitionId"] = saved.DefinitionId, ["version"] = saved.Version });
                }
            }
            catch (PublishRefusedException)
            {
                // The region's case files refuse the change: the parameters in force stay as they were.
                if (previous is null)
                {
                    await stored.DeleteAsync(code, ct);
                }
                else
                {
                    await stored.SaveAsync(previous, ct);
                }

                // Processes republished before the refusal are republished again, pinning the parameters in force.
                foreach (var done in republished.Select(r => r!["definitionId"]!.GetValue<string>()))
                {
                    var latest = await definitions.GetAsync(done, VersionOptions.Published, ct);
                    if (latest is not null)
                    {
                        await definitions.SaveAndPublishAsync(WorkflowJson.ParseDefinition(latest.Json), new Provenance(Provenance.Api, caller.UserName, now), ct);
                    }
                }

                await audit.AppendAuditAsync(new AuditEntry(0, now, caller.UserName, code, "region.parameters", code, "refused", "case files failed"), ct);
                throw;
            }

            await audit.AppendAuditAsync(new AuditEntry(0, now, caller.UserName, code, "region.parameters", code, "allowed",
                string.Join("; ", changes.Select(c => $"{c.Path}: {c.Left?.ToJsonString() ?? "∅"} → {c.Right?.ToJsonString() ?? "∅"}"))), ct);
            return Results.Ok(new { region = code, changes, republished });
        }).WithTags("Regions");

        app.MapGet("/api/regions/diff", async (string? left, string? right, RegionDocuments regions, DefinitionService definitions, CancellationToken ct) =>
        {
            if (left is null || right is null)
            {
                return Problem("left", "name two regions: ?left=guizhou&right=demo-county");
            }

            var l = await regions.FindAsync(left, ct);
            var r = await regions.FindAsync(right, ct);
            if (l is null || r is null)
            {
                return Results.Problem(title: "地区不存在", detail: $"region '{(l is null ? left : right)}' does not exist", statusCode: 404);
            }

            var leftDefinitions = await PublishedByProcessAsync(definitions, left, ct);
            var rightDefinitions = await PublishedByProcessAsync(definitions, right, ct);
            var activities = leftDefinitions.Keys.Union(rightDefinitions.Keys).Order(StringComparer.Ordinal)
                .SelectMany(p => RegionDiff.Activities(p, leftDefinitions.GetValueOrDefault(p), rightDefinitions.GetValueOrDefault(p))).ToList();
            var parameters = new JsonArray([.. RegionDiff.Parameters(l, r).Select(c => (JsonNode)RegionDiff.Describe(c, l, r))]);
            return Results.Ok(new JsonObject
            {
                ["left"] = left, ["leftName"] = l["name"]?.DeepClone(), ["right"] = right, ["rightName"] = r["name"]?.DeepClone(),
                ["parameters"] = parameters,
                ["activities"] = System.Text.Json.JsonSerializer.SerializeToNode(activities, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)),
            });
        }).WithTags("Regions");

        // A clone hears when its source moves on: each cloned process against the source's published version now.
        app.MapGet("/api/regions/{code}/upstream", async (string code, RegionDocuments regions, DefinitionService definitions, VersionDiff diff, CancellationToken ct) =>
        {
            if (await regions.FindAsync(code, ct) is null)
            {
                return Results.Problem(title: "地区不存在", detail: $"region '{code}' does not exist", statusCode: 404);
            }

            var notices = new JsonArray();
            foreach (var latest in await definitions.ListLatestAsync(code, ct))
            {
                var origin = (await definitions.ListVersionsAsync(latest.DefinitionId, ct))
                    .Where(v => v.Provenance.Kind == Provenance.Cloned && v.Provenance.SourceDefinitionId is not null && v.Provenance.SourceVersion is not null)
                    .MaxBy(v => v.Version);
                if (origin is null)
                {
                    continue;
                }

                var sourceId = origin.Provenance.SourceDefinitionId!;
                var clonedFrom = await definitions.GetVersionAsync(sourceId, origin.Provenance.SourceVersion!.Value, ct);
                var sourceNow = await definitions.GetAsync(sourceId, VersionOptions.Published, ct);
                var newer = sourceNow is not null && sourceNow.Version > origin.Provenance.SourceVersion;
                notices.Add(new JsonObject
                {
                    ["definitionId"] = latest.DefinitionId,
                    ["sourceRegion"] = origin.Provenance.SourceTenantId,
                    ["sourceDefinitionId"] = sourceId,
                    ["clonedFromVersion"] = origin.Provenance.SourceVersion,
                    ["clonedAt"] = origin.Provenance.At,
                    ["sourcePublishedVersion"] = sourceNow?.Version,
                    ["newer"] = newer,
                    ["changes"] = newer && sourceNow is not null ? await diff.CompareAsync(clonedFrom, sourceNow, ct) : null,
                    ["message"] = newer
                        ? $"来源流程 {sourceId} 已发布第 {sourceNow!.Version} 版（复制时为第 {origin.Provenance.SourceVersion} 版），请核对是否需要同步。"
                        : $"与来源流程 {sourceId} 第 {origin.Provenance.SourceVersion} 版一致，来源未发布新版本。",
                });
            }

            return Results.Ok(notices);
        }).WithTags("Regions");
    }

    private static async Task<Dictionary<string, JsonObject>> PublishedByProcessAsync(DefinitionService definitions, string region, CancellationToken ct) =>
        (await definitions.ListLatestAsync(region, ct)).Where(v => v.IsPublished)
            .ToDictionary(v => v.DefinitionId.StartsWith(region + "-", StringComparison.Ordinal) ? v.DefinitionId[(region.Length + 1)..] : v.DefinitionId,
                v => JsonNode.Parse(v.Json)!.AsObject(), StringComparer.Ordinal);

    private static IResult Problem(string field, string detail) =>
        Results.Problem(title: "请求有误", detail: detail, statusCode: 400, extensions: new Dictionary<string, object?> { ["field"] = field });
}
