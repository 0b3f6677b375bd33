using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Persistence.Regions;

namespace ResidentInsurance.Host.Regions;

/// <summary>
/// The regions: parameter documents shipped in <c>workflows/regions/</c> (kind "region"), overlaid by the ones
/// edited or cloned on the platform.
/// </summary>
internal sealed class RegionDocuments(IOptions<EngineOptions> options, IRegionParameterStore stored)
{
    public async Task<List<JsonObject>> ReadAllAsync(CancellationToken ct = default)
    {
        var all = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var document in ReadShipped())
        {
            all[document["code"]!.GetValue<string>()] = document;
        }

        foreach (var row in await stored.ListAsync(ct))
        {
            if (JsonNode.Parse(row.Json) is JsonObject document)
            {
                all[row.Region] = document;
            }
        }

        return [.. all.Values];
    }

    public async Task<JsonObject?> FindAsync(string code, CancellationToken ct = default) =>
        (await ReadAllAsync(ct)).FirstOrDefault(d => d["code"]?.GetValue<string>() == code);

    private IEnumerable<JsonObject> ReadShipped()
    {
        var workflows = options.Value.WorkflowsDirectory;
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
