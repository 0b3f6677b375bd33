using System.Text.Json;
using System.Text.Json.Nodes;

namespace ResidentInsurance.Simulation;

/// <summary>
/// The policy case files (<c>workflows/&lt;region&gt;/cases/*.json</c>): a contract case, the part of the result it
/// expects, and the document and clause it comes from.
/// </summary>
public static class CaseFiles
{
    public static IEnumerable<string> Of(string workflows, string region)
    {
        var folder = Path.Combine(workflows, region, "cases");
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal) : [];
    }

    /// <summary>Expected is a subset of actual: objects by key, arrays element by element, numbers by value (280 = 280.00).</summary>
    public static List<string> Compare(JsonNode? expected, JsonNode? actual)
    {
        var differences = new List<string>();
        Compare(expected, actual, "", differences);
        return differences;
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        switch (expected)
        {
            case null:
                if (actual is not null)
                {
                    differences.Add($"{path}: expected null, got {actual.ToJsonString()}");
                }

                break;
            case JsonObject obj:
                if (actual is not JsonObject actualObj)
                {
                    differences.Add($"{path}: expected an object, got {actual?.ToJsonString() ?? "null"}");
                    return;
                }

                foreach (var (key, value) in obj)
                {
                    Compare(value, actualObj[key], path.Length == 0 ? key : $"{path}.{key}", differences);
                }

                break;
            case JsonArray array:
                if (actual is not JsonArray actualArray || actualArray.Count != array.Count)
                {
                    differences.Add($"{path}: expected {array.ToJsonString()}, got {actual?.ToJsonString() ?? "null"}");
                    return;
                }

                for (var i = 0; i < array.Count; i++)
                {
                    Compare(array[i], actualArray[i], $"{path}[{i}]", differences);
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                if (actual is not JsonValue n || n.GetValueKind() != JsonValueKind.Number || n.GetValue<decimal>() != value.GetValue<decimal>())
                {
                    differences.Add($"{path}: expected {value.ToJsonString()}, got {actual?.ToJsonString() ?? "null"}");
                }

                break;
            default:
                if (!JsonNode.DeepEquals(expected, actual))
                {
                    differences.Add($"{path}: expected {expected.ToJsonString()}, got {actual?.ToJsonString() ?? "null"}");
                }

                break;
        }
    }
}
