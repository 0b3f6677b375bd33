using Acornima.Ast;
using Jint;

namespace ResidentInsurance.Policy.Scripting;

/// <summary>A script text made ready to run: wrapped in its own function and parsed, or the reason it does not parse.</summary>
internal sealed class PreparedScript
{
    private readonly Prepared<Script> _program;

    private PreparedScript(Prepared<Script> program, ScriptShape shape, string? syntaxError)
    {
        _program = program;
        Shape = shape;
        SyntaxError = syntaxError;
        _mayReadVariables = Names is not { } names || names.Concat(EmbeddedScripts.HelperReads).Any(ReadsVariables);
    }

    private readonly bool _mayReadVariables;

    public ScriptShape Shape { get; }

    /// <summary>Why the text does not parse; null when it does.</summary>
    public string? SyntaxError { get; }

    /// <summary>The wrapped program; shareable between engines and threads.</summary>
    public ref readonly Prepared<Script> Program => ref _program;

    /// <summary>
    /// Whether the script may read the global <paramref name="name"/>: it or the helper library names it (outside
    /// their own declarations), or it names <c>globalThis</c> and so may reach any global. A global it cannot reach
    /// need not be built.
    /// </summary>
    public bool MayRead(string name) => Names is not { } names || names.Contains(name) || EmbeddedScripts.HelperReads.Contains(name);

    /// <summary>
    /// Whether the script may read the workflow variables: through <c>variables</c>, <c>getVariable(name)</c>, a
    /// <c>get&lt;Name&gt;()</c> accessor (<c>getPolicyResult</c>, <c>get说明</c>) or <c>globalThis</c>.
    /// </summary>
    public bool MayReadVariables() => _mayReadVariables;

    private static bool ReadsVariables(string name) =>
        name is "variables" or "getVariable" || (name.Length > 3 && name.StartsWith("get", StringComparison.Ordinal) && !char.IsLower(name[3]));

    /// <summary>The free names of the script, or null when it may reach any global.</summary>
    private ReferencedGlobals? Names =>
        _program.ReferencedGlobals is { HasDirectEvalCall: false } names && !names.Contains("globalThis") ? names : null;

    public static PreparedScript Valid(Prepared<Script> program, ScriptShape shape) => new(program, shape, null);

    public static PreparedScript Invalid(string syntaxError) => new(default, ScriptShape.Body, syntaxError);
}
