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

/// <summary>The shape every policy case file keeps: what a stored or uploaded one is checked against.</summary>
public static class CaseFileDocument
{
    /// <summary>Problems naming the field, empty when the document is a policy case for <paramref name="region"/>.</summary>
    public static List<string> Check(JsonNode? document, string region)
    {
        var problems = new List<string>();
        if (document is not JsonObject root)
        {
            problems.Add("a case file is a JSON object");
            return problems;
        }

        if (root["kind"] is not JsonValue kind || kind.GetValueKind() != JsonValueKind.String || kind.GetValue<string>() != "policy-case")
        {
            problems.Add("kind: must be \"policy-case\"");
        }

        if (root["schemaVersion"] is not JsonValue version || version.GetValueKind() != JsonValueKind.Number || version.GetValue<decimal>() != 1)
        {
            problems.Add("schemaVersion: must be 1");
        }

        foreach (var field in new[] { "document", "clause" })
        {
            if (root["source"]?[field] is not JsonValue v || v.GetValueKind() != JsonValueKind.String || v.GetValue<string>().Trim().Length == 0)
            {
                problems.Add($"source.{field}: a policy case cites the document and clause it comes from");
            }
        }

        if (root["expected"] is not JsonObject)
        {
            problems.Add("expected: an object with the part of the result the case expects");
        }

        if (root["case"] is not JsonObject caseData)
        {
            problems.Add("case: the contract case to run");
            return problems;
        }

        if (caseData["region"] is not JsonValue r || r.GetValueKind() != JsonValueKind.String || r.GetValue<string>() != region)
        {
            problems.Add($"case.region: must be \"{region}\"");
            return problems;
        }

        try
        {
            CaseReader.Read(caseData.ToJsonString());
        }
        catch (CaseValidationException ex)
        {
            problems.Add($"case: {ex.Message}");
        }

        return problems;
    }
}
