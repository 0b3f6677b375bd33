using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace ResidentInsurance.Policy.Tests.Support;

/// <summary>A flat key/value configuration ("Policy:Scripting:TimeoutMs" = "500"), enough for binding tests.</summary>
internal sealed class DictionaryConfiguration(IReadOnlyDictionary<string, string?> values, string path = "") : IConfigurationSection
{
    public string Key => path.Contains(':', StringComparison.Ordinal) ? path[(path.LastIndexOf(':') + 1)..] : path;

    public string Path => path;

    public string? Value
    {
        get => values.GetValueOrDefault(path);
        set => throw new NotSupportedException();
    }

    public string? this[string key]
    {
        get => values.GetValueOrDefault(Combine(key));
        set => throw new NotSupportedException();
    }

    public IConfigurationSection GetSection(string key) => new DictionaryConfiguration(values, Combine(key));

    public IEnumerable<IConfigurationSection> GetChildren()
    {
        var prefix = path.Length == 0 ? string.Empty : path + ":";
        return values.Keys
            .Where(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && k.Length > prefix.Length)
            .Select(k => k[prefix.Length..].Split(':')[0])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(GetSection);
    }

    public IChangeToken GetReloadToken() => new CancellationChangeToken(CancellationToken.None);

    private string Combine(string key) => path.Length == 0 ? key : path + ":" + key;
}
