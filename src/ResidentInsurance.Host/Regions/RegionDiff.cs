using System.Text.Json.Nodes;

namespace ResidentInsurance.Host.Regions;

/// <summary>
/// What differs between two regions (or two versions): parameter by parameter (paths like
/// <c>years/2021/latePriceFen/value</c>; list items by their <c>id</c>), and activity by activity per process.
/// </summary>
internal static class RegionDiff
{
    public sealed record ParameterChange(string Path, JsonNode? Left, JsonNode? Right);

    public sealed record ActivityChange(string Process, string ActivityId, string Change, IReadOnlyList<string> Properties);

    /// <summary>Leaf values under <c>years</c> that differ (region identity fields — code, name, parent — are not parameters).</summary>
    public static List<ParameterChange> Parameters(JsonObject left, JsonObject right)
    {
        var l = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        var r = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        Flatten(left["years"], "years", l);
        Flatten(right["years"], "years", r);
        return l.Keys.Union(r.Keys).Order(StringComparer.Ordinal)
            .Where(path => !JsonNode.DeepEquals(l.GetValueOrDefault(path), r.GetValueOrDefault(path)))
            .Select(path => new ParameterChange(path, l.GetValueOrDefault(path)?.DeepClone(), r.GetValueOrDefault(path)?.DeepClone()))
            .ToList();
    }

    /// <summary>Activities added, removed or changed (which inputs / properties) between two definitions of one process.</summary>
    public static List<ActivityChange> Activities(string process, JsonObject? left, JsonObject? right)
    {
        var l = Index(left);
        var r = Index(right);
        var changes = new List<ActivityChange>();
        foreach (var id in l.Keys.Union(r.Keys).Order(StringComparer.Ordinal))
        {
            if (!r.TryGetValue(id, out var after))
            {
                changes.Add(new ActivityChange(process, id, "removed", []));
            }
            else if (!l.TryGetValue(id, out var before))
            {
                changes.Add(new ActivityChange(process, id, "added", []));
            }
            else
            {
                var properties = before.Select(p => p.Key).Union(after.Select(p => p.Key))
                    .Where(k => k is not ("metadata" or "nodeId") && !Same(before[k], after[k])).Order(StringComparer.Ordinal).ToList();
                if (properties.Count > 0)
                {
                    changes.Add(new ActivityChange(process, id, "changed", properties));
                }
            }
        }

        return changes;
    }

    /// <summary>
    /// A parameter change for people: the parameter's note and source from both documents, and amounts in fen
    /// written in yuan ("years/2021/latePriceFen/value 83000 → 80000" reads "830.00 元 → 800.00 元").
    /// </summary>
    public static JsonObject Describe(ParameterChange change, JsonObject left, JsonObject right)
    {
        var recordPath = change.Path.EndsWith("/value", StringComparison.Ordinal) ? change.Path[..^"/value".Length] : change.Path;
        JsonNode? Find(JsonObject document) => recordPath.Split('/').Aggregate<string, JsonNode?>(document, (node, key) => node is JsonObject o ? o[key] : null);
        var leftRecord = Find(left) as JsonObject;
        var rightRecord = Find(right) as JsonObject;
        var isMoney = recordPath.EndsWith("Fen", StringComparison.Ordinal);
        string Show(JsonNode? value) => value switch
        {
            null => "未设置",
            JsonValue v when isMoney && v.TryGetValue<decimal>(out var fen) => $"{fen / 100m:0.00} 元",
            JsonValue v when v.TryGetValue<bool>(out var flag) => flag ? "是" : "否",
            JsonValue v when v.TryGetValue<string>(out var text) => text,
            _ => value.ToJsonString(),
        };

        return new JsonObject
        {
            ["path"] = change.Path,
            ["left"] = change.Left?.DeepClone(),
            ["right"] = change.Right?.DeepClone(),
            ["leftText"] = Show(change.Left),
            ["rightText"] = Show(change.Right),
            ["note"] = (rightRecord?["note"] ?? leftRecord?["note"])?.DeepClone(),
            ["leftSource"] = leftRecord?["source"]?.DeepClone(),
            ["rightSource"] = rightRecord?["source"]?.DeepClone(),
        };
    }

    /// <summary>Equal, counting an absent property, null, [] and {} as the same nothing (the Studio writes empty ones back).</summary>
    public static bool Same(JsonNode? left, JsonNode? right) =>
        IsNothing(left) ? IsNothing(right) : !IsNothing(right) && JsonNode.DeepEquals(left, right);

    private static bool IsNothing(JsonNode? node) => node is null || node is JsonArray { Count: 0 } || node is JsonObject { Count: 0 };

    private static Dictionary<string, JsonObject> Index(JsonObject? definition) =>
        (definition?["root"]?["activities"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(a => a["id"] is JsonValue)
            .ToDictionary(a => a["id"]!.GetValue<string>(), a => a, StringComparer.Ordinal);

    private static void Flatten(JsonNode? node, string path, IDictionary<string, JsonNode?> into)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    Flatten(value, $"{path}/{key}", into);
                }

                break;
            case JsonArray array when array.All(i => i is JsonObject o && o["id"] is JsonValue):
                foreach (var item in array.OfType<JsonObject>())
                {
                    Flatten(item, $"{path}/{item["id"]}", into);
                }

                break;
            default:
                into[path] = node;
                break;
        }
    }
}
