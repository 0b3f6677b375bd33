using System.Text.Json;
using System.Text.Json.Nodes;

namespace ResidentInsurance.Engine.Activities.Policy;

/// <summary>
/// An activity's adjustments to the region's parameters, written in the designer as
/// <c>({ 'years/2021/latePriceFen': 90000 })</c> (JavaScript) or <c>{"years/2021/latePriceFen": 90000}</c> (text): each key is a parameter path as <c>requireParam</c> and
/// <c>missingParameters</c> name it, each value replaces that parameter's value for this definition version only.
/// A path must name a parameter the region has (a typo is an error, not a new parameter); a parameter record
/// (<c>{ value, source, note }</c>) keeps its source and note and records who changed it.
/// </summary>
internal static class ParameterOverrides
{
    /// <summary>True when the input says nothing to adjust: no value, or an empty text (a cleared field in the designer).</summary>
    public static bool IsEmpty(JsonNode? overrides) =>
        overrides is null || overrides is JsonValue v && v.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(v.GetValue<string>());

    public static JsonNode Apply(JsonNode? document, JsonNode? overrides, string origin)
    {
        // Typed as text (the designer's plain field): {"years/2021/latePriceFen": 90000} is read as JSON.
        if (overrides is JsonValue text && text.GetValueKind() == JsonValueKind.String)
        {
            try
            {
                overrides = JsonNode.Parse(text.GetValue<string>());
            }
            catch (JsonException ex)
            {
                throw new ActivityFaultException("InvalidParameterOverride", $"{origin}: parameter adjustments are not JSON ({ex.Message})");
            }
        }

        if (overrides is not JsonObject changes)
        {
            throw new ActivityFaultException("InvalidParameterOverride",
                $"{origin}: parameter adjustments must be an object of path → value, e.g. ({{ 'years/2021/latePriceFen': 90000 }}), got {overrides?.ToJsonString() ?? "null"}");
        }

        if (document is not JsonObject root)
        {
            throw new ActivityFaultException("InvalidParameterOverride", $"{origin}: the region has no parameters to adjust");
        }

        var merged = root.DeepClone().AsObject();
        foreach (var (path, value) in changes)
        {
            var segments = path.Split('/');
            if (segments.Any(s => s.Length == 0))
            {
                throw new ActivityFaultException("InvalidParameterOverride", $"{origin}: '{path}' is not a parameter path (segments separated by '/', e.g. years/2021/latePriceFen)");
            }

            var parent = merged;
            for (var i = 0; i < segments.Length - 1; i++)
            {
                parent = parent[segments[i]] as JsonObject
                    ?? throw new ActivityFaultException("InvalidParameterOverride", $"{origin}: the region's parameters have no '{string.Join('/', segments[..(i + 1)])}' (in '{path}')");
            }

            var name = segments[^1];
            if (!parent.ContainsKey(name))
            {
                throw new ActivityFaultException("InvalidParameterOverride", $"{origin}: the region's parameters have no '{path}'");
            }

            if (parent[name] is JsonObject record && record.ContainsKey("value") && !(value is JsonObject replacement && replacement.ContainsKey("value")))
            {
                record["value"] = value?.DeepClone();
                record.Remove("unset");
                record["overriddenBy"] = origin;
            }
            else
            {
                parent[name] = value?.DeepClone();
            }
        }

        return merged;
    }
}
