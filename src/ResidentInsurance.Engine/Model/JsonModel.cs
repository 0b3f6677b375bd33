using System.Text.Json;
using System.Text.Json.Nodes;

namespace ResidentInsurance.Engine.Model;

/// <summary>
/// Conversions between the immutable JSON kept for round-tripping (JsonElement, safe to share across
/// threads) and the mutable nodes the engine works with.
/// </summary>
internal static class JsonModel
{
    public static JsonNode? ToNode(JsonElement element) =>
        element.ValueKind == JsonValueKind.Null ? null : JsonNode.Parse(element.GetRawText());

    /// <summary>A number that converts to int, long, decimal or double on demand (JsonValue.Create(long) would not).</summary>
    public static JsonNode Number(decimal value) => JsonNode.Parse(value.ToString(System.Globalization.CultureInfo.InvariantCulture))!;

    public static JsonElement ToElement(JsonNode? node) =>
        node is null ? JsonDocument.Parse("null").RootElement.Clone() : JsonSerializer.SerializeToElement(node);
}
