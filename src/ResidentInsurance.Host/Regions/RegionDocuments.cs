using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ResidentInsurance.Engine.Runtime;

namespace ResidentInsurance.Host.Regions;

/// <summary>The region parameter documents shipped in <c>workflows/regions/</c> (kind "region").</summary>
internal sealed class RegionDocuments(IOptions<EngineOptions> options)
{
    public IEnumerable<JsonObject> ReadAll()
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

    public JsonObject? Find(string code) => ReadAll().FirstOrDefault(d => d["code"]?.GetValue<string>() == code);
}
