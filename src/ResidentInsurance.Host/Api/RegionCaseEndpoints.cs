using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ResidentInsurance.Host.Access;
using ResidentInsurance.Host.Regions;
using ResidentInsurance.Persistence.Access;
using ResidentInsurance.Persistence.Regions;
using ResidentInsurance.Simulation;

namespace ResidentInsurance.Host.Api;

/// <summary>
/// A region's policy case files — what its publish gate runs — read by anyone signed in, kept up by the region's
/// policy administrators: a notice that changes a price changes the cases that pin it, in the same place the
/// parameters change. A saved case is run at once against the published version, so the administrator sees
/// whether it holds before the next publication is gated by it.
/// </summary>
internal static partial class RegionCaseEndpoints
{
    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]{0,80}\.json$")]
    private static partial Regex CaseName();

    public static void MapRegionCaseEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/regions/{code}/cases", async (string code, RegionDocuments regions, ICaseFileSource cases, CancellationToken ct) =>
        {
            if (await regions.FindAsync(code, ct) is null)
            {
                return UnknownRegion(code);
            }

            var list = new JsonArray();
            foreach (var file in await cases.ListAsync(code, ct))
            {
                var document = JsonNode.Parse(file.Json);
                list.Add(new JsonObject
                {
                    ["name"] = file.Name,
                    ["origin"] = file.Origin,
                    ["sourceRegion"] = file.SourceRegion,
                    ["action"] = document?["case"]?["action"]?.DeepClone(),
                    ["description"] = document?["description"]?.DeepClone(),
                    ["source"] = document?["source"]?.DeepClone(),
                    ["assume"] = document?["assume"] is not null,
                });
            }

            return Results.Ok(list);
        }).WithTags("Regions");

        app.MapGet("/api/regions/{code}/cases/{name}", async (string code, string name, ICaseFileSource cases, CancellationToken ct) =>
            (await cases.ListAsync(code, ct)).FirstOrDefault(f => f.Name == name) is { } file
                ? Results.Text(file.Json, "application/json")
                : NoCase(code, name)).WithTags("Regions");

        app.MapPut("/api/regions/{code}/cases/{name}", async (string code, string name, HttpRequest request, Caller caller, RegionDocuments regions,
            IRegionCaseStore stored, PolicySimulator simulator, IAccessStore audit, TimeProvider clock, CancellationToken ct) =>
        {
            caller.RequirePolicyAdmin(code, "region.case", $"{code}/{name}");
            if (await regions.FindAsync(code, ct) is null)
            {
                return UnknownRegion(code);
            }

            if (!CaseName().IsMatch(name))
            {
                return Problem("name", $"'{name}' is not a case file name (lowercase letters, digits, '.', '_' and '-', ending in .json)");
            }

            JsonNode? document;
            try
            {
                using var reader = new StreamReader(request.Body);
                document = JsonNode.Parse(await reader.ReadToEndAsync(ct));
            }
            catch (System.Text.Json.JsonException ex)
            {
                return Problem("body", $"the case file is not JSON: {ex.Message}");
            }

            var problems = CaseFileDocument.Check(document, code);
            if (problems.Count > 0)
            {
                return Problem(problems[0].Split(':')[0], string.Join("; ", problems));
            }

            var now = clock.GetUtcNow();
            await stored.SaveAsync(new StoredRegionCase(code, name, document!.ToJsonString(), null, caller.UserName, now), ct);
            await audit.AppendAuditAsync(new AuditEntry(0, now, caller.UserName, code, "region.case", $"{code}/{name}", "allowed",
                $"saved ({document["source"]?["document"]} {document["source"]?["clause"]}); expected {document["expected"]!.ToJsonString()}"), ct);
            return Results.Ok(new JsonObject { ["region"] = code, ["name"] = name, ["published"] = await AgainstPublishedAsync(simulator, document.AsObject(), ct) });
        }).WithTags("Regions");

        app.MapDelete("/api/regions/{code}/cases/{name}", async (string code, string name, Caller caller, PlatformCaseFiles cases, IRegionCaseStore stored,
            IAccessStore audit, TimeProvider clock, CancellationToken ct) =>
        {
            caller.RequirePolicyAdmin(code, "region.case", $"{code}/{name}");
            if ((await cases.ListAsync(code, ct)).FirstOrDefault(f => f.Name == name) is not { } file)
            {
                return NoCase(code, name);
            }

            var now = clock.GetUtcNow();
            if (await cases.IsShippedAsync(code, name, ct))
            {
                // A shipped file stays on disk: the region keeps a withdrawal instead.
                await stored.SaveAsync(new StoredRegionCase(code, name, null, null, caller.UserName, now), ct);
            }
            else
            {
                await stored.DeleteAsync(code, name, ct);
            }

            await audit.AppendAuditAsync(new AuditEntry(0, now, caller.UserName, code, "region.case", $"{code}/{name}", "allowed", "withdrawn"), ct);
            return Results.NoContent();
        }).WithTags("Regions");
    }

    /// <summary>The case run against the region's published version: whether it holds today, and where it differs.</summary>
    private static async Task<JsonObject> AgainstPublishedAsync(PolicySimulator simulator, JsonObject document, CancellationToken ct)
    {
        if (document["assume"] is not null)
        {
            return new JsonObject { ["checked"] = false, ["why"] = "the case assumes local settings (assume): the test suite checks it" };
        }

        try
        {
            var (read, _) = CaseReader.Read(document["case"]!.ToJsonString());
            var result = await simulator.SimulateAsync(read[0], ct);
            var differences = CaseFiles.Compare(document["expected"], result);
            return new JsonObject
            {
                ["checked"] = true,
                ["holds"] = differences.Count == 0,
                ["version"] = result["workflow"]?["version"]?.DeepClone(),
                ["differences"] = new JsonArray([.. differences.Select(d => (JsonNode)d)]),
            };
        }
        catch (Exception ex) when (ex is CaseValidationException or SimulationFailedException or NoPublishedDefinitionException or UnknownRegionException)
        {
            return new JsonObject { ["checked"] = false, ["why"] = ex.Message };
        }
    }

    private static IResult UnknownRegion(string code) =>
        Results.Problem(title: "地区不存在", detail: $"region '{code}' does not exist", statusCode: 404);

    private static IResult NoCase(string code, string name) =>
        Results.Problem(title: "案例不存在", detail: $"region '{code}' has no case file '{name}'", statusCode: 404);

    private static IResult Problem(string field, string detail) =>
        Results.Problem(title: "请求有误", detail: detail, statusCode: 400, extensions: new Dictionary<string, object?> { ["field"] = field });
}
