using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Runtime;

namespace ResidentInsurance.Host.Regions;

/// <summary>
/// What changed between two versions of a definition: its own fields (name, description, variables), its activities
/// (added, removed, which inputs changed) and what it pins — the region parameters (path by path) and the policy
/// scripts. The audit keeps its one-line summary for every save and publish.
/// </summary>
internal sealed class VersionDiff(IDefinitionStore store)
{
    /// <summary>Not compared as fields: the activities (compared one by one), the schema, and what the server gives every version.</summary>
    private static readonly string[] Lifecycle = ["root", "$schema", .. Designer.ElsaDefinitions.Lifecycle];

    public async Task<JsonObject> CompareAsync(DefinitionVersion? left, DefinitionVersion right, CancellationToken ct)
    {
        var before = left is null ? null : JsonNode.Parse(left.Json) as JsonObject;
        var after = JsonNode.Parse(right.Json) as JsonObject ?? [];
        var fields = (before ?? []).Select(p => p.Key).Union(after.Select(p => p.Key)).Except(Lifecycle)
            .Where(k => before is not null && !RegionDiff.Same(WithoutDefaults(before[k]), WithoutDefaults(after[k]))).Order(StringComparer.Ordinal).ToList();
        var activities = RegionDiff.Activities(right.DefinitionId, before, after);

        var parameters = new List<RegionDiff.ParameterChange>();
        if (left?.Pins.ParametersHash is { } l && right.Pins.ParametersHash is { } r && l != r
            && await ParseAsync(l, ct) is { } leftParameters && await ParseAsync(r, ct) is { } rightParameters)
        {
            parameters = RegionDiff.Parameters(leftParameters, rightParameters);
        }

        var scripts = left is null ? [] : left.Pins.Scripts.Keys.Union(right.Pins.Scripts.Keys)
            .Where(name => left.Pins.Scripts.GetValueOrDefault(name) != right.Pins.Scripts.GetValueOrDefault(name)).Order(StringComparer.Ordinal).ToList();

        var diff = new JsonObject
        {
            ["definitionId"] = right.DefinitionId,
            ["left"] = left?.Version,
            ["right"] = right.Version,
            ["fields"] = new JsonArray([.. fields.Select(f => (JsonNode)f)]),
            ["activities"] = System.Text.Json.JsonSerializer.SerializeToNode(activities, Web),
            ["parameters"] = System.Text.Json.JsonSerializer.SerializeToNode(parameters, Web),
            ["scripts"] = new JsonArray([.. scripts.Select(s => (JsonNode)s)]),
        };
        diff["summary"] = Summary(left, fields, activities, parameters, scripts);
        return diff;
    }

    /// <summary>The audit's detail for a save or publish: the channel, what changed against <paramref name="previous"/>, the content hash.</summary>
    public async Task<string> AuditDetailAsync(string channel, DefinitionVersion? previous, DefinitionVersion saved, CancellationToken ct) =>
        $"{channel}{(await CompareAsync(previous, saved, ct))["summary"]}；content {saved.ContentHash}";

    private static readonly System.Text.Json.JsonSerializerOptions Web = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>
    /// A definition field as far as it says anything: the Studio writes every field back with its defaults
    /// (<c>options: {autoUpdateConsumingWorkflows: false}</c>, empty <c>inputs</c>, <c>customProperties: {}</c>), which
    /// is no change against a file that leaves them out. Null, false, "", [] and {} count as absent, at any depth.
    /// </summary>
    internal static JsonNode? WithoutDefaults(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject o:
                var kept = new JsonObject();
                foreach (var (key, value) in o)
                {
                    if (WithoutDefaults(value) is { } v)
                    {
                        kept[key] = v;
                    }
                }

                return kept.Count == 0 ? null : kept;
            case JsonArray a:
                return a.Count == 0 ? null : new JsonArray([.. a.Select(WithoutDefaults)]);
            default:
                var kind = node.GetValueKind();
                return kind is System.Text.Json.JsonValueKind.False or System.Text.Json.JsonValueKind.Null
                    || (kind == System.Text.Json.JsonValueKind.String && node.GetValue<string>().Length == 0) ? null : node.DeepClone();
        }
    }

    private async Task<JsonObject?> ParseAsync(string hash, CancellationToken ct) =>
        (await store.GetContentAsync(hash, ct)) is { } blob ? JsonNode.Parse(blob.Text) as JsonObject : null;

    /// <summary>One line for the audit: 相对 v1：字段 description；活动 evaluate（parameters）；参数 years/2021/latePriceFen/value 83000 → 90000；脚本 enrollment.</summary>
    private static string Summary(DefinitionVersion? left, List<string> fields, List<RegionDiff.ActivityChange> activities, List<RegionDiff.ParameterChange> parameters, List<string> scripts)
    {
        if (left is null)
        {
            return "首个版本";
        }

        var parts = new List<string>();
        if (fields.Count > 0)
        {
            parts.Add("字段 " + string.Join("、", fields));
        }

        if (activities.Count > 0)
        {
            parts.Add("活动 " + string.Join("、", activities.Select(a => a.Change switch
            {
                "added" => $"+{a.ActivityId}",
                "removed" => $"-{a.ActivityId}",
                _ => $"{a.ActivityId}（{string.Join("、", a.Properties)}）",
            })));
        }

        if (parameters.Count > 0)
        {
            parts.Add("参数 " + string.Join("、", parameters.Select(p => $"{p.Path} {p.Left?.ToJsonString() ?? "∅"} → {p.Right?.ToJsonString() ?? "∅"}")));
        }

        if (scripts.Count > 0)
        {
            parts.Add("脚本 " + string.Join("、", scripts));
        }

        var text = $"相对 v{left.Version}：" + (parts.Count == 0 ? "无变化" : string.Join("；", parts));
        return text.Length <= 1000 ? text : text[..999] + "…";
    }
}
