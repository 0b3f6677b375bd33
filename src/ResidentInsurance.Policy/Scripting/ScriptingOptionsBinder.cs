using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace ResidentInsurance.Policy.Scripting;

/// <summary>
/// Reads <see cref="ScriptingOptions"/> from configuration ("Policy:Scripting:TimeoutMs", …). Done by hand
/// because the configuration binder package is not referenced here; a value that is present but not a
/// number fails loudly rather than being ignored.
/// </summary>
internal static class ScriptingOptionsBinder
{
    public static void Bind(IConfiguration configuration, ScriptingOptions options)
    {
        var section = configuration.GetSection(ScriptingOptions.Section);
        options.TimeoutMs = Read(section, nameof(ScriptingOptions.TimeoutMs), options.TimeoutMs);
        options.MaxStatements = Read(section, nameof(ScriptingOptions.MaxStatements), options.MaxStatements);
        options.MemoryLimitBytes = Read(section, nameof(ScriptingOptions.MemoryLimitBytes), options.MemoryLimitBytes);
        options.MaxRecursionDepth = Read(section, nameof(ScriptingOptions.MaxRecursionDepth), options.MaxRecursionDepth);
        options.PoolSize = Read(section, nameof(ScriptingOptions.PoolSize), options.PoolSize);
        options.PreparedScriptCacheSize = Read(section, nameof(ScriptingOptions.PreparedScriptCacheSize), options.PreparedScriptCacheSize);
        options.Shortcuts = Read(section, nameof(ScriptingOptions.Shortcuts), options.Shortcuts);
    }

    private static T Read<T>(IConfigurationSection section, string key, T fallback)
        where T : IParsable<T>
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return T.TryParse(text.Trim(), CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidOperationException($"{section.Path}:{key} must be {(typeof(T) == typeof(bool) ? "true or false" : "a whole number")}, not '{text}'");
    }
}
