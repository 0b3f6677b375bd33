using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResidentInsurance.Engine.Model;

/// <summary>A workflow variable as Elsa 3 declares it; <c>Value</c> is its initial value (Elsa writes it as a string).</summary>
public sealed class VariableDefinition
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string TypeName { get; set; } = "Object";

    public bool IsArray { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonNode? Value { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StorageDriverTypeName { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
