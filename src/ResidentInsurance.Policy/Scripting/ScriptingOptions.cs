namespace ResidentInsurance.Policy.Scripting;

/// <summary>Sandbox limits for expressions and policy scripts, bound from the "Policy:Scripting" section.</summary>
public sealed class ScriptingOptions
{
    public const string Section = "Policy:Scripting";

    /// <summary>Wall-clock budget of one evaluation, all of it: setting the globals, the script, reading its result.</summary>
    public int TimeoutMs { get; set; } = 2000;

    /// <summary>Statements one script may execute.</summary>
    public int MaxStatements { get; set; } = 1_000_000;

    /// <summary>Bytes one script may allocate.</summary>
    public long MemoryLimitBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>How deep one function may recurse.</summary>
    public int MaxRecursionDepth { get; set; } = 256;

    /// <summary>
    /// Idle engines kept for reuse; each is costly to build (the helper library run, the built-ins frozen, the region
    /// parameters converted) and runs one script at a time, so the pool covers more concurrent steps than cores.
    /// </summary>
    public int PoolSize { get; set; } = Math.Max(16, 4 * Environment.ProcessorCount);

    /// <summary>Distinct script texts kept parsed (least recently used ones are dropped first).</summary>
    public int PreparedScriptCacheSize { get; set; } = 1024;

    /// <summary>
    /// Whether the sandbox takes its shortcuts: the helper library's date and money functions answered natively for
    /// ordinary arguments, the region parameters' paths remembered, a script's globals converted only as far as it reads
    /// them, a plain result read without JSON text, the variable accessors made only for a script that names one, and
    /// the clean global snapshot restored only when a script may have changed the global object, and small expressions
    /// (<c>variables.policyResult.accepted === true</c>) read straight from the request's JSON. The answers are the
    /// same either way (tests run both and compare); off takes the long way everywhere, for telling the two apart.
    /// </summary>
    public bool Shortcuts { get; set; } = true;

    /// <summary>Throws when a limit cannot work as configured.</summary>
    internal void Validate()
    {
        Positive(TimeoutMs, nameof(TimeoutMs));
        Positive(MaxStatements, nameof(MaxStatements));
        Positive(MemoryLimitBytes, nameof(MemoryLimitBytes));
        Positive(MaxRecursionDepth, nameof(MaxRecursionDepth));
        Positive(PoolSize, nameof(PoolSize));
        Positive(PreparedScriptCacheSize, nameof(PreparedScriptCacheSize));
    }

    private static void Positive(long value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{Section}:{name} must be positive");
        }
    }
}
