using System.Text.Json.Nodes;

namespace ResidentInsurance.Engine.Scripting;

/// <summary>
/// Evaluates JavaScript expressions and policy scripts in a sandbox. Implemented outside the engine
/// (ResidentInsurance.Policy, on Jint); the engine only knows this contract.
/// </summary>
public interface IScriptEvaluator
{
    /// <summary>
    /// Runs <see cref="ScriptRequest.Script"/> and returns its value as JSON (null for undefined/null).
    /// A failure of any kind is thrown as <see cref="ScriptFailureException"/>; nothing else escapes.
    /// </summary>
    JsonNode? Evaluate(ScriptRequest request, CancellationToken cancellationToken = default);
}
