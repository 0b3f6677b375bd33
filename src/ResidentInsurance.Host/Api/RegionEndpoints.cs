using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Host.Regions;

namespace ResidentInsurance.Host.Api;

/// <summary>
/// GET /api/regions (the region codes the simulation contract accepts) and GET /api/regions/{code}
/// (the region's parameter document as shipped in <c>workflows/regions/</c>, with its processes).
/// </summary>
internal static class RegionEndpoints
{
    public static void MapRegionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/regions", async (RegionDocuments regions, IDefinitionStore definitions, CancellationToken ct) =>
        {
            var list = new JsonArray();
            foreach (var document in await regions.ReadAllAsync(ct))
            {
                var code = document["code"]!.GetValue<string>();
                list.Add(new JsonObject
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

            return Results.Json(list);
        });

        app.MapGet("/api/regions/{code}", async (string code, RegionDocuments regions, IDefinitionStore definitions, CancellationToken ct) =>
        {
            var document = await regions.FindAsync(code, ct);
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
}
