using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Descriptors;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Model;
using ResidentInsurance.Engine.Scripting;

namespace ResidentInsurance.Engine.Activities;

/// <summary>
/// One execution of one activity: its node, its descriptor, the instance it belongs to, and the
/// services it may use (expressions, the clock, ids, the outbox).
/// </summary>
public sealed class ActivityContext
{
    private readonly WorkflowExecution _execution;

    internal ActivityContext(WorkflowExecution execution, ActivityNode node, ActivityDescriptor descriptor)
    {
        _execution = execution;
        Node = node;
        Descriptor = descriptor;
    }

    public ActivityNode Node { get; }

    public ActivityDescriptor Descriptor { get; }

    public WorkflowInstance Instance => _execution.Instance;

    public DateTimeOffset Now => _execution.Now;

    public TimeProvider Clock => _execution.Services.Clock;

    public bool IsDryRun => _execution.Options.DryRun;

    public string NewId() => _execution.Services.Ids.NewId();

    /// <summary>
    /// The raw expression bound to a declared input, or null when the node leaves it empty. Shared by every evaluation
    /// of the node: read its value, never change or attach it.
    /// </summary>
    public InputExpression? GetInputExpression(string name)
    {
        var declared = Descriptor.FindInput(name)
            ?? throw new InvalidOperationException($"{Descriptor.TypeName} reads input '{name}' it does not declare");
        var expression = Node.ExpressionOf(name);
        if (expression is null && declared.DefaultValue is not null)
        {
            return new InputExpression(declared.TypeName, declared.DefaultSyntax, JsonValue.Create(declared.DefaultValue));
        }

        return expression;
    }

    /// <summary>Evaluates a declared input; null when it is empty.</summary>
    public ValueTask<JsonNode?> EvaluateInputAsync(string name, JsonObject? extraGlobals = null)
    {
        if (Descriptor.FindInput(name) is not null && Node.ScriptOf(name) is { } script)
        {
            // A JavaScript input's source, read once per node: the same string every time, so the script cache
            // finds it by reference instead of re-reading the input's JSON and hashing the text.
            return ValueTask.FromResult(RunScript(script, $"{Node.Id}.{name}", extraGlobals));
        }

        var expression = GetInputExpression(name);
        return expression is null ? ValueTask.FromResult<JsonNode?>(null) : EvaluateAsync(expression, $"{Node.Id}.{name}", extraGlobals);
    }

    public async ValueTask<string?> EvaluateStringAsync(string name)
    {
        var value = await EvaluateInputAsync(name);
        return value switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => value.ToJsonString(),
        };
    }

    public async ValueTask<bool> EvaluateBooleanAsync(string name) => IsTruthy(await EvaluateInputAsync(name));

    /// <summary>Evaluates one expression in this activity's scope.</summary>
    public ValueTask<JsonNode?> EvaluateAsync(InputExpression expression, string origin, JsonObject? extraGlobals = null)
    {
        switch (expression.ExpressionType)
        {
            case ExpressionTypes.Literal:
                return ValueTask.FromResult(ReadLiteral(expression));
            case ExpressionTypes.Object:
                return ValueTask.FromResult(ReadObject(expression, origin));
            case ExpressionTypes.Variable:
                return ValueTask.FromResult(ReadVariable(expression, origin));
            case ExpressionTypes.JavaScript:
                return ValueTask.FromResult(RunScript(expression.ScriptSource, origin, extraGlobals));
            default:
                throw new ActivityFaultException("UnsupportedExpression", $"expression type '{expression.ExpressionType}' in {origin} is not supported (use {string.Join(", ", ExpressionTypes.All)})");
        }
    }

    /// <summary>Runs a script with the workflow's globals (<c>input</c>, <c>variables</c>, <c>params</c>, <c>workflow</c>) plus extras.</summary>
    public JsonNode? RunScript(string script, string origin, JsonObject? extraGlobals = null, JsonNode? parameters = null)
    {
        var globals = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["input"] = Instance.Input,
            ["workflow"] = new JsonObject
            {
                ["instanceId"] = Instance.Id,
                ["definitionId"] = Instance.DefinitionId,
                ["version"] = Instance.Version,
                ["tenantId"] = Instance.TenantId,
                ["correlationId"] = Instance.CorrelationId,
            },
        };
        parameters ??= _execution.GetParameters();
        if (extraGlobals is not null)
        {
            foreach (var (key, value) in extraGlobals)
            {
                globals[key] = value;
            }
        }

        var request = parameters is null
            ? new ScriptRequest(script, new Dictionary<string, JsonNode?>(globals) { ["params"] = null }, Instance.Variables, origin)
            : new ScriptRequest(script, globals, Instance.Variables, origin) { SharedGlobals = new Dictionary<string, JsonNode>(StringComparer.Ordinal) { ["params"] = parameters } };
        return _execution.Services.Scripts.Evaluate(request, _execution.CancellationToken);
    }

    /// <summary>The region parameters pinned by this version (shared: never change the node).</summary>
    public JsonNode? GetParameters() => _execution.GetParameters();

    /// <summary>A derived parameter document as a shared node: the same content gives the same node, so sandboxes convert it once.</summary>
    public JsonNode ShareParameters(JsonNode document) => _execution.Services.Content.GetParsed(document.ToJsonString());

    /// <summary>The text of a policy script pinned by this definition version.</summary>
    public ValueTask<string> GetPinnedScriptAsync(string name) => _execution.GetPinnedScriptAsync(name);

    /// <summary>Writes a declared output to the variable the node binds it to (Elsa's memoryReference), if any.</summary>
    public void SetOutput(string name, JsonNode? value)
    {
        if (Descriptor.FindOutput(name) is null)
        {
            throw new InvalidOperationException($"{Descriptor.TypeName} writes output '{name}' it does not declare");
        }

        var target = Node.GetProperty(name) switch
        {
            JsonObject obj => obj["memoryReference"]?["id"]?.GetValue<string>(),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => null,
        };
        if (target is not null)
        {
            SetVariable(_execution.ResolveVariableName(target) ?? target, value);
        }
    }

    /// <summary>The declared variable's name for a name or an Elsa variable id; null when undeclared.</summary>
    public string? ResolveVariable(string nameOrId) => _execution.ResolveVariableName(nameOrId);

    public JsonNode? GetVariable(string name) => Instance.Variables[name];

    public void SetVariable(string name, JsonNode? value) => Instance.Variables[name] = value?.DeepClone();

    /// <summary>Queues a message to other departments; written with the state change, sent after commit.</summary>
    public void Publish(string messageType, JsonObject payload) => _execution.AddOutbox(messageType, payload);

    /// <summary>JavaScript's truthiness over a JSON value.</summary>
    public static bool IsTruthy(JsonNode? value) => value switch
    {
        null => false,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => v.GetValue<double>() is var d && d != 0 && !double.IsNaN(d),
            JsonValueKind.String => v.GetValue<string>().Length > 0,
            _ => false,
        },
        _ => true,
    };

    private static JsonNode? ReadLiteral(InputExpression expression)
    {
        var value = expression.Value;
        if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
        {
            return value?.DeepClone();
        }

        var text = v.GetValue<string>();
        var type = expression.TypeName ?? "String";
        if (type.Contains(',', StringComparison.Ordinal))
        {
            type = type[..type.IndexOf(',', StringComparison.Ordinal)];
        }

        type = type[(type.LastIndexOf('.') + 1)..];
        return type switch
        {
            "Boolean" when bool.TryParse(text, out var b) => JsonValue.Create(b),
            "Int32" or "Int64" or "Int16" when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => JsonModel.Number(l),
            "Double" or "Decimal" or "Single" when decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) => JsonModel.Number(m),
            _ => JsonValue.Create(text),
        };
    }

    private static JsonNode? ReadObject(InputExpression expression, string origin)
    {
        if (expression.Value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
        {
            return expression.Value?.DeepClone();
        }

        var text = v.GetValue<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new ActivityFaultException("InvalidObjectExpression", $"the Object expression in {origin} is not valid JSON: {ex.Message}");
        }
    }

    private JsonNode? ReadVariable(InputExpression expression, string origin)
    {
        var reference = expression.Value switch
        {
            JsonObject obj => obj["name"]?.GetValue<string>() ?? obj["id"]?.GetValue<string>(),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => null,
        };
        var name = reference is null ? null : _execution.ResolveVariableName(reference);
        if (name is null)
        {
            throw new ActivityFaultException("UnknownVariable", $"the Variable expression in {origin} names no declared variable ('{reference}')");
        }

        return Instance.Variables[name]?.DeepClone();
    }
}
