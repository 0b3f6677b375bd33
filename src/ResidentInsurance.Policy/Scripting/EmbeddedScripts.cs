using Acornima.Ast;
using Jint;

namespace ResidentInsurance.Policy.Scripting;

/// <summary>The JavaScript shipped in this assembly (Scripts/*.js), read and prepared once per process.</summary>
internal static class EmbeddedScripts
{
    public const string HelpersFile = "policy-helpers.js";
    public const string PreludeFile = "sandbox-prelude.js";

    private static readonly Lazy<Prepared<Script>> PreparedHelpers = new(() => Prepare(HelpersFile));
    private static readonly Lazy<Prepared<Script>> PreparedPrelude = new(() => Prepare(PreludeFile));

    /// <summary>The policy helper library; its functions become globals.</summary>
    public static Prepared<Script> Helpers => PreparedHelpers.Value;

    /// <summary>
    /// The globals the helper library reads when a script calls it (<c>params</c>): set for every script, whether
    /// or not the script names them itself.
    /// </summary>
    public static ReferencedGlobals HelperReads => Helpers.ReferencedGlobals!;

    /// <summary>The host's toolkit, evaluated after the helpers.</summary>
    public static Prepared<Script> Prelude => PreparedPrelude.Value;

    /// <summary>The text of an embedded script.</summary>
    public static string Read(string file)
    {
        var name = "ResidentInsurance.Policy.Scripts." + file;
        using var stream = typeof(EmbeddedScripts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded script {name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static Prepared<Script> Prepare(string file) =>
        Jint.Engine.PrepareScript(Read(file), file, strict: true, new ScriptPreparationOptions { CollectReferencedGlobals = true });
}
