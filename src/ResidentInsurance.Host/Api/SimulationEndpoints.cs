using System.Text.Json.Nodes;
using ResidentInsurance.Simulation;

namespace ResidentInsurance.Host.Api;

/// <summary>POST /api/simulations: the simulation contract over HTTP, the same JSON as the CLI.</summary>
internal static class SimulationEndpoints
{
    public static void MapSimulationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/simulations", async (HttpRequest request, PolicySimulator simulator, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body);
            IReadOnlyList<JsonObject> cases;
            bool isArray;
            try
            {
                (cases, isArray) = CaseReader.Read(await reader.ReadToEndAsync(ct));
            }
            catch (CaseValidationException ex)
            {
                return Results.Problem(title: "试算输入有误", detail: ex.Message, statusCode: 400, extensions: new Dictionary<string, object?> { ["field"] = ex.Path });
            }

            var results = new JsonArray();
            for (var i = 0; i < cases.Count; i++)
            {
                try
                {
                    results.Add(await simulator.SimulateAsync(cases[i], ct));
                }
                catch (UnknownRegionException ex)
                {
                    return Results.Problem(title: "地区不存在", detail: ex.Message, statusCode: 404, extensions: new Dictionary<string, object?> { ["field"] = isArray ? $"[{i}].region" : "region" });
                }
                catch (NoPublishedDefinitionException ex)
                {
                    return Results.Problem(title: "该地区没有已发布的流程", detail: ex.Message, statusCode: 404);
                }
            }

            return Results.Text((isArray ? results : results[0]!).ToJsonString(SimulationJson.Options), "application/json; charset=utf-8");
        }).WithTags("Simulations");
    }
}
