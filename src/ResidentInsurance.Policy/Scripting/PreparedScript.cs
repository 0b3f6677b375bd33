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
        var reads = Names?.Concat(EmbeddedScripts.HelperReads).ToArray();
        _mayReadVariables = reads is null || reads.Any(ReadsVariables);
        _mayCallAccessors = reads is null || reads.Any(name => name != "variables" && ReadsVariables(name));
        _mayWriteGlobals = syntaxError is null && (Names is not { } free || BindingWrites.Of(program.Program!).Overlaps(free));
        _reach = syntaxError is null && Names is { } named ? GlobalReach.Of(program.Program!, named) : [];
    }

    private readonly Dictionary<string, GlobalReach> _reach;

    private readonly bool _mayWriteGlobals;

    private readonly bool _mayReadVariables;
    private readonly bool _mayCallAccessors;

    public ScriptShape Shape { get; }

    /// <summary>The expression compiled to be read straight from the request's JSON, when it can be (<see cref="DirectExpression"/>).</summary>
    public DirectExpression? Direct { get; private init; }

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

    /// <summary>
    /// Whether the script may call <c>getVariable(name)</c> or a <c>get&lt;Name&gt;()</c> accessor (or reach any global):
    /// when it names only <c>variables</c>, the accessors need not be made.
    /// </summary>
    public bool MayCallVariableAccessors() => _mayCallAccessors;

    /// <summary>
    /// How far the script reads into the global <paramref name="name"/> (<see cref="GlobalReach"/>): whole when it may
    /// reach every global, or when the helper library reads the name too.
    /// </summary>
    public GlobalReach ReachOf(string name) =>
        !EmbeddedScripts.HelperReads.Contains(name) && _reach.TryGetValue(name, out var reach) ? reach : GlobalReach.Whole;

    /// <summary>
    /// Whether running the script may change the global object: it may reach it (<c>globalThis</c>, a direct eval), or it
    /// assigns to a name it does not declare (<c>params = …</c>, <c>inRange = …</c>). Otherwise it cannot: it runs in its own
    /// strict function, so its declarations are its own, and the built-ins and helpers it can reach are frozen.
    /// </summary>
    public bool MayWriteGlobals => _mayWriteGlobals;

    private static bool ReadsVariables(string name) =>
        name is "variables" or "getVariable" || (name.Length > 3 && name.StartsWith("get", StringComparison.Ordinal) && !char.IsLower(name[3]));

    /// <summary>The free names of the script, or null when it may reach any global.</summary>
    private ReferencedGlobals? Names =>
        _program.ReferencedGlobals is { HasDirectEvalCall: false } names && !names.Contains("globalThis") ? names : null;

    public static PreparedScript Valid(Prepared<Script> program, ScriptShape shape, DirectExpression? direct = null) => new(program, shape, null) { Direct = direct };

    public static PreparedScript Invalid(string syntaxError) => new(default, ScriptShape.Body, syntaxError);
}
