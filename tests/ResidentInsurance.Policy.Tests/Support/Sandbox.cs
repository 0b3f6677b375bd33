using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using ResidentInsurance.Engine.Scripting;
using ResidentInsurance.Policy.Scripting;

namespace ResidentInsurance.Policy.Tests.Support;

/// <summary>An evaluator on a fake clock, with shorthands for running scripts in tests.</summary>
internal sealed class Sandbox : IDisposable
{
    /// <summary>2021-02-10 10:00 in Shanghai.</summary>
    public static readonly DateTimeOffset Start = new(2021, 2, 10, 2, 0, 0, TimeSpan.Zero);

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public Sandbox(Action<ScriptingOptions>? configure = null)
    {
        var options = new ScriptingOptions();
        configure?.Invoke(options);
        Options = options;
        Evaluator = new JintScriptEvaluator(options, Clock);
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    public ScriptingOptions Options { get; }

    public JintScriptEvaluator Evaluator { get; }

    public JsonNode? Eval(string script, object? globals = null, JsonObject? variables = null, CancellationToken cancellationToken = default) =>
        Evaluator.Evaluate(Request(script, globals, variables), cancellationToken);

    /// <summary>The result as JSON text ("null" for null), for compact assertions.</summary>
    public string Json(string script, object? globals = null, JsonObject? variables = null) =>
        Eval(script, globals, variables)?.ToJsonString(Readable) ?? "null";

    public ScriptFailureException Fails(string script, object? globals = null, JsonObject? variables = null, CancellationToken cancellationToken = default) =>
        Assert.Throws<ScriptFailureException>(() => Eval(script, globals, variables, cancellationToken));

    public static ScriptRequest Request(string script, object? globals = null, JsonObject? variables = null, string? origin = "test script")
    {
        var map = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (globals is not null)
        {
            var obj = globals as JsonObject ?? (JsonObject)System.Text.Json.JsonSerializer.SerializeToNode(globals)!;
            foreach (var (key, value) in obj)
            {
                map[key] = value?.DeepClone();
            }
        }

        return new ScriptRequest(script, map, variables, origin);
    }

    public void Dispose() => Evaluator.Dispose();
}
