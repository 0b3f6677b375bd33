using System.Text.Json.Nodes;

namespace ResidentInsurance.Engine.Scripting;

/// <summary>
/// One script evaluation. The script is an expression (<c>a + 1</c>) or a function body with
/// top-level <c>return</c> statements (<c>if (x) return 1; return 2;</c>).
/// </summary>
/// <param name="Script">The JavaScript text.</param>
/// <param name="Globals">Values visible as globals by name: <c>input</c>, <c>params</c>, <c>workflow</c>, <c>case</c>, …</param>
/// <param name="Variables">Workflow variables, visible as <c>variables.name</c>, <c>getVariable("name")</c> and <c>getName()</c>.</param>
/// <param name="Origin">Where the script comes from (activity id, policy name) for error messages.</param>
public sealed record ScriptRequest(
    string Script,
    IReadOnlyDictionary<string, JsonNode?> Globals,
    JsonObject? Variables = null,
    string? Origin = null)
{
    /// <summary>
    /// Globals that never change between runs (the pinned region parameters): the caller never mutates these
    /// nodes, so an evaluator may convert each once, freeze it and hand the same value to every script.
    /// </summary>
    public IReadOnlyDictionary<string, JsonNode>? SharedGlobals { get; init; }
}
