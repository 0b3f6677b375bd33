namespace ResidentInsurance.Engine.Scripting;

/// <summary>A script failed; the message is fit for an incident shown to an administrator.</summary>
public sealed class ScriptFailureException : Exception
{
    public ScriptFailureException(ScriptFailureKind kind, string message, string? origin = null, string? parameter = null, Exception? inner = null)
        : base(Describe(kind, message, origin), inner)
    {
        Kind = kind;
        Origin = origin;
        Parameter = parameter;
        Detail = message;
    }

    public ScriptFailureKind Kind { get; }

    /// <summary>The activity id or policy name the script came from.</summary>
    public string? Origin { get; }

    /// <summary>For <see cref="ScriptFailureKind.ParameterMissing"/>: the parameter's path.</summary>
    public string? Parameter { get; }

    /// <summary>The message without the origin prefix.</summary>
    public string Detail { get; }

    private static string Describe(ScriptFailureKind kind, string message, string? origin) =>
        origin is null ? $"{kind}: {message}" : $"{kind} in {origin}: {message}";
}
