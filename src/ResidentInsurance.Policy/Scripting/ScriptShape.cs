namespace ResidentInsurance.Policy.Scripting;

/// <summary>The two forms a script takes in Elsa 3 workflows.</summary>
internal enum ScriptShape
{
    /// <summary>A single expression (<c>variables.x &gt; 3</c>); its value is the result.</summary>
    Expression,

    /// <summary>A function body (<c>if (x) return 1; return 2;</c>); what it returns is the result.</summary>
    Body,
}
