using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ResidentInsurance.Engine.Runtime;

namespace ResidentInsurance.Host.Api;

/// <summary>
/// GET /api/regions (the region codes the simulation contract accepts) and GET /api/regions/{code}
/// (the region's parameter document as shipped in <c>workflows/regions/</c>, with its processes).
/// </summary>
internal static class RegionEndpoints
{
    public static void MapRegionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/regions", async (IOptions<EngineOptions> options, IDefinitionStore definitions, CancellationToken ct) =>
        {
            var regions = new JsonArray();
            foreach (var document in ReadAll(options.Value.WorkflowsDirectory))
            {
                var code = document["code"]!.GetValue<string>();
                regions.Add(new JsonObject
                {
                    ["code"] = code,
                    ["name"] = document["name"]?.DeepClone(),
                    ["level"] = document["level"]?.DeepClone(),
                    ["parent"] = document["parent"]?.DeepClone(),
                    ["benefitYears"] = new JsonArray([.. (document["years"] as JsonObject ?? []).Select(y => (JsonNode)JsonValue.Create(int.Parse(y.Key, System.Globalization.CultureInfo.InvariantCulture)))]),
                    ["departments"] = Departments(document),
                    ["processes"] = await ProcessesAsync(definitions, code, ct),
                });
            }

            return Results.Json(regions);
        });

        app.MapGet("/api/regions/{code}", async (string code, IOptions<EngineOptions> options, IDefinitionStore definitions, CancellationToken ct) =>
        {
            var document = ReadAll(options.Value.WorkflowsDirectory).FirstOrDefault(d => d["code"]?.GetValue<string>() == code);
            if (document is null)
            {
                return Results.Problem(title: "地区不存在", detail: $"region '{code}' is not one of the regions in workflows/regions/", statusCode: 404);
            }

            document["processes"] = await ProcessesAsync(definitions, code, ct);
            return Results.Json(document);
        });
    }

    private static JsonArray Departments(JsonObject document) =>
        new([.. (document["departments"] as JsonArray ?? []).Select(d => d!.GetValue<string>()).Select(code => (JsonNode)new JsonObject
        {
            ["code"] = code,
            ["name"] = ResidentInsurance.Engine.Activities.Departments.Find(code)?.Name ?? code,
        })]);

    private static async Task<JsonArray> ProcessesAsync(IDefinitionStore definitions, string code, CancellationToken ct) =>
        new([.. (await definitions.ListAsync(code, ct)).Where(v => v.IsPublished).OrderBy(v => v.DefinitionId, StringComparer.Ordinal)
            .Select(v => (JsonNode)new JsonObject { ["definitionId"] = v.DefinitionId, ["version"] = v.Version, ["name"] = v.Name })]);

    private static IEnumerable<JsonObject> ReadAll(string? workflows)
    {
        var folder = workflows is null ? null : Path.Combine(workflows, "regions");
        if (folder is null || !Directory.Exists(folder))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            JsonObject? document;
            try
            {
                document = JsonNode.Parse(File.ReadAllText(file)) as JsonObject;
            }
            catch (System.Text.Json.JsonException)
            {
                continue; // the loader reports malformed files at start-up
            }

            if (document?["kind"]?.GetValue<string>() == "region" && document["code"] is JsonValue)
            {
                yield return document;
            }
        }
    }
}
