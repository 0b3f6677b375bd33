using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResidentInsurance.Engine.Model;

/// <summary>
/// An activity as Elsa 3 stores it: identity, type and type version, designer metadata, and its
/// inputs as top-level properties (<c>"condition": {"typeName": "Boolean", "expression": {...}}</c>).
/// A flowchart also holds <see cref="Activities"/> and <see cref="Connections"/>.
/// Inputs and anything unknown live in <see cref="Properties"/> and round-trip untouched.
/// </summary>
public sealed class ActivityNode
{
    public string Id { get; set; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NodeId { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; set; }

    public string Type { get; set; } = "";

    /// <summary>The activity type's version; missing in a file means 1.</summary>
    public int Version { get; set; } = 1;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? CustomProperties { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? Metadata { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<ActivityNode>? Activities { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<FlowConnection>? Connections { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>A fresh copy of one input or output property's JSON, or null when absent.</summary>
    public JsonNode? GetProperty(string name) =>
        Properties is not null && Properties.TryGetValue(name, out var value) ? JsonModel.ToNode(value) : null;

    /// <summary>
    /// The JavaScript source bound to an input, read once per node and then the same string instance; null when the
    /// input is absent or not JavaScript. <see cref="SetProperty"/> forgets what was read.
    /// </summary>
    public string? ScriptOf(string name)
    {
        var scripts = _scripts ??= new ConcurrentDictionary<string, string?>(StringComparer.Ordinal);
        return scripts.GetOrAdd(name, static (n, node) =>
            InputExpression.From(node.GetProperty(n)) is { ExpressionType: ExpressionTypes.JavaScript } e ? e.ScriptSource : null, this);
    }

    private ConcurrentDictionary<string, string?>? _scripts;

    /// <summary>
    /// The expression bound to an input, read once per node (a literal's or an Object expression's JSON was read and
    /// copied on every evaluation); null when the input is absent. Shared: its <see cref="InputExpression.Value"/> must
    /// not be changed or attached elsewhere (evaluating an expression copies it). <see cref="SetProperty"/> forgets it.
    /// </summary>
    public InputExpression? ExpressionOf(string name)
    {
        var expressions = _expressions ??= new ConcurrentDictionary<string, InputExpression?>(StringComparer.Ordinal);
        return expressions.GetOrAdd(name, static (n, node) => InputExpression.From(node.GetProperty(n)), this);
    }

    private ConcurrentDictionary<string, InputExpression?>? _expressions;

    /// <summary>Sets a property as is (Elsa writes FlowSwitch cases and SetVariable's variable unwrapped).</summary>
    public void SetProperty(string name, JsonNode? value)
    {
        Properties ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        Properties[name] = JsonModel.ToElement(value);
        _scripts = null;
        _expressions = null;
    }

    /// <summary>Sets an input as Elsa writes it: <c>{typeName, expression: {type, value}}</c>.</summary>
    public void SetInput(string name, string typeName, string expressionType, JsonNode? value) =>
        SetProperty(name, new JsonObject
        {
            ["typeName"] = typeName,
            ["expression"] = new JsonObject { ["type"] = expressionType, ["value"] = value?.DeepClone() },
        });

    /// <summary>Elsa 3.8's per-activity merge mode (kept in customProperties), null when unset.</summary>
    [JsonIgnore]
    public string? MergeMode => CustomProperties?["mergeMode"]?.GetValueKind() == JsonValueKind.String
        ? CustomProperties!["mergeMode"]!.GetValue<string>()
        : null;

    /// <summary>Elsa's canStartWorkflow flag, from customProperties or the older top-level property.</summary>
    [JsonIgnore]
    public bool CanStartWorkflow =>
        ReadFlag(CustomProperties?["canStartWorkflow"]) || ReadFlag(GetProperty("canStartWorkflow"));

    private static bool ReadFlag(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;
}
