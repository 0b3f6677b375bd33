using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Model;

namespace ResidentInsurance.Engine.Execution;

/// <summary>Reads a variable's declared initial value (Elsa writes "0", "true", JSON text) by its type name.</summary>
internal static class VariableValues
{
    public static JsonNode? Initial(VariableDefinition variable)
    {
        if (variable.Value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
        {
            return variable.Value?.DeepClone();
        }

        var text = v.GetValue<string>();
        var type = variable.TypeName.Split(',')[0];
        type = type[(type.LastIndexOf('.') + 1)..];
        if (variable.IsArray || type is "Object" or "JsonObject" or "ExpandoObject" or "JsonNode")
        {
            try
            {
                return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                return JsonValue.Create(text);
            }
        }

        return type switch
        {
            "Boolean" when bool.TryParse(text, out var b) => JsonValue.Create(b),
            "Int32" or "Int64" or "Int16" when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => JsonModel.Number(l),
            "Double" or "Decimal" or "Single" when decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonModel.Number(d),
            _ => JsonValue.Create(text),
        };
    }
}
