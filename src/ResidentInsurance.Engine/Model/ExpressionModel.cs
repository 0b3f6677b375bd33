using System.Text.Json.Nodes;

namespace ResidentInsurance.Engine.Model;

/// <summary>The expression syntaxes Elsa 3 writes in a definition.</summary>
public static class ExpressionTypes
{
    public const string Literal = "Literal";
    public const string JavaScript = "JavaScript";
    public const string Variable = "Variable";
    public const string Object = "Object";

    public static readonly IReadOnlyList<string> All = [Literal, JavaScript, Variable, Object];
}

/// <summary>An input's bound expression: its declared type name, syntax and value.</summary>
/// <param name="TypeName">Elsa's type name, e.g. <c>Boolean</c>, <c>String</c>, <c>Object</c>.</param>
/// <param name="ExpressionType">One of <see cref="ExpressionTypes"/>.</param>
/// <param name="Value">The expression's raw value (script text, literal, variable name, JSON text).</param>
public sealed record InputExpression(string? TypeName, string ExpressionType, JsonNode? Value)
{
    /// <summary>The value as script source: a string as it is, anything else as its JSON text.</summary>
    public string ScriptSource => Value is JsonValue s && s.GetValueKind() == System.Text.Json.JsonValueKind.String ? s.GetValue<string>() : Value?.ToJsonString() ?? "";

    /// <summary>
    /// Reads an input property. Elsa's shape is <c>{typeName, expression: {type, value}}</c>; a bare
    /// JSON value is read as a literal so hand-written files stay short.
    /// </summary>
    public static InputExpression? From(JsonNode? property)
    {
        switch (property)
        {
            case null:
                return null;
            case JsonObject obj when obj.ContainsKey("expression") || obj.ContainsKey("typeName"):
                var expression = obj["expression"] as JsonObject;
                var typeName = Text(obj["typeName"]);
                if (expression is null)
                {
                    return new InputExpression(typeName, ExpressionTypes.Literal, null);
                }

                var type = Text(expression["type"]) ?? ExpressionTypes.Literal;
                return new InputExpression(typeName, type, expression["value"]?.DeepClone());
            default:
                return new InputExpression(null, ExpressionTypes.Literal, property.DeepClone());
        }
    }

    /// <summary>A name as written: a string as it is, anything else as its JSON text (so validation names it, rather than throwing).</summary>
    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };
}
