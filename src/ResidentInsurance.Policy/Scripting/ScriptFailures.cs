using System.Collections.Frozen;
using Acornima;
using Jint;
using Jint.Runtime;
using ResidentInsurance.Engine.Scripting;

namespace ResidentInsurance.Policy.Scripting;

/// <summary>Every way a script can fail, as the one exception the engine knows.</summary>
internal static class ScriptFailures
{
    private const string NotDefined = " is not defined";

    /// <summary>
    /// Names through which scripts elsewhere reach the host (Jint's CLR interop, Node's modules). None is
    /// defined in the sandbox; a script that uses one gets a ReferenceError, reported as forbidden access.
    /// </summary>
    private static readonly FrozenSet<string> HostNames = FrozenSet.Create(
        StringComparer.Ordinal,
        "System", "Microsoft", "mscorlib", "importNamespace", "clrHelper", "clr", "host", "Jint", "require", "process");

    public static ScriptFailureException FromThrown(ThrownValue thrown, string? origin, Exception inner)
    {
        if (thrown.Kind == "parameter")
        {
            return new ScriptFailureException(ScriptFailureKind.ParameterMissing, thrown.Message, origin, thrown.Parameter, inner);
        }

        if (thrown.Name == "ReferenceError" && thrown.Message.EndsWith(NotDefined, StringComparison.Ordinal)
            && thrown.Message[..^NotDefined.Length] is var name && HostNames.Contains(name))
        {
            return new ScriptFailureException(ScriptFailureKind.ForbiddenAccess, $"'{name}' is not available: scripts have no access to the host", origin, inner: inner);
        }

        if (thrown.Name == "RangeError" && thrown.Message.Contains("call stack size", StringComparison.Ordinal))
        {
            return new ScriptFailureException(ScriptFailureKind.RecursionLimit, thrown.Message, origin, inner: inner);
        }

        var message = thrown.Kind == "value" ? $"threw {thrown.Message}" : $"{thrown.Name}: {thrown.Message}";
        if (thrown.Line is { } line)
        {
            message += $" (line {line})";
        }

        return new ScriptFailureException(ScriptFailureKind.Runtime, message, origin, inner: inner);
    }

    public static ScriptFailureException FromException(Exception ex, string? origin, ScriptingOptions options) => ex switch
    {
        ScriptFailureException failure => failure,
        TimeoutException => new(ScriptFailureKind.Timeout, $"ran longer than {options.TimeoutMs} ms", origin, inner: ex),
        StatementsCountOverflowException => new(ScriptFailureKind.StatementLimit, $"executed more than {options.MaxStatements} statements", origin, inner: ex),
        MemoryLimitExceededException => new(ScriptFailureKind.MemoryLimit, $"allocated more than {options.MemoryLimitBytes} bytes", origin, inner: ex),
        OutOfMemoryException => new(ScriptFailureKind.MemoryLimit, "ran out of memory", origin, inner: ex),
        RecursionDepthOverflowException recursion => new(ScriptFailureKind.RecursionLimit, $"recursed deeper than {options.MaxRecursionDepth} calls ({recursion.CallExpressionReference})", origin, inner: ex),
        InsufficientExecutionStackException => new(ScriptFailureKind.RecursionLimit, "recursed too deep for the host's stack", origin, inner: ex),
        ExecutionCanceledException or OperationCanceledException => new(ScriptFailureKind.Cancelled, "the evaluation was cancelled", origin, inner: ex),
        ParseErrorException parse => new(ScriptFailureKind.Syntax, parse.Message, origin, inner: ex),
        ScriptPreparationException prepare => new(ScriptFailureKind.Syntax, prepare.Message, origin, inner: ex),
        JavaScriptException js => new(ScriptFailureKind.Runtime, js.Message, origin, inner: ex),
        _ => new(ScriptFailureKind.Runtime, $"the script host failed: {ex.GetType().Name}: {ex.Message}", origin, inner: ex),
    };
}
