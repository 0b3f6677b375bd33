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
    }

    public ScriptShape Shape { get; }

    /// <summary>Why the text does not parse; null when it does.</summary>
    public string? SyntaxError { get; }

    /// <summary>The wrapped program; shareable between engines and threads.</summary>
    public ref readonly Prepared<Script> Program => ref _program;

    public static PreparedScript Valid(Prepared<Script> program, ScriptShape shape) => new(program, shape, null);

    public static PreparedScript Invalid(string syntaxError) => new(default, ScriptShape.Body, syntaxError);
}
