using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using ResidentInsurance.Engine.Model;

namespace ResidentInsurance.Engine.Serialization;

/// <summary>
/// The one JSON setting for definitions and engine state: camelCase, enums as strings, Chinese text
/// unescaped, comments and trailing commas tolerated when reading hand-written files.
/// </summary>
public static class WorkflowJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: true);

    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = null,
            WriteIndented = indented,
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>
    /// Parses a definition. Malformed JSON becomes a <see cref="DefinitionValidationException"/>
    /// naming the line and position; structural checks are done by <see cref="DefinitionValidator"/>.
    /// </summary>
    public static WorkflowDefinition ParseDefinition(string json, string? source = null)
    {
        try
        {
            var definition = JsonSerializer.Deserialize<WorkflowDefinition>(json, Options)
                ?? throw new DefinitionValidationException(source, [new ValidationProblem(null, "the document is JSON null, not a workflow definition")]);
            definition.Variables ??= []; // "variables": null declares none, as a missing field does
            return definition;
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {ex.BytePositionInLine + 1}" : "";
            var path = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "" : $" ({ex.Path})";
            throw new DefinitionValidationException(source, [new ValidationProblem(null, $"malformed JSON{where}{path}: {FirstSentence(ex.Message)}")]);
        }
    }

    public static string Serialize(WorkflowDefinition definition) => JsonSerializer.Serialize(definition, Options);

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
