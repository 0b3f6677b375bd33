namespace ResidentInsurance.Engine.Scripting;

/// <summary>Why a script did not produce a value.</summary>
public enum ScriptFailureKind
{
    /// <summary>The text does not parse.</summary>
    Syntax,
    /// <summary>The script threw (TypeError, ReferenceError, a thrown value).</summary>
    Runtime,
    /// <summary>The script ran longer than the time limit.</summary>
    Timeout,
    /// <summary>The script executed more statements than allowed.</summary>
    StatementLimit,
    /// <summary>The script allocated more memory than allowed.</summary>
    MemoryLimit,
    /// <summary>The script recursed deeper than allowed.</summary>
    RecursionLimit,
    /// <summary>The script reached for the host (System.*, importNamespace, CLR types).</summary>
    ForbiddenAccess,
    /// <summary>The script read a named parameter that has no value; <see cref="ScriptFailureException.Parameter"/> names it.</summary>
    ParameterMissing,
    /// <summary>The evaluation was cancelled by the caller.</summary>
    Cancelled,
}
