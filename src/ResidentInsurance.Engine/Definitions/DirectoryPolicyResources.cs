using ResidentInsurance.Engine.Runtime;

namespace ResidentInsurance.Engine.Definitions;

/// <summary>
/// Policy resources from the <c>workflows/</c> folder: scripts in <c>policies/&lt;name&gt;.js</c>, a region's
/// override in <c>&lt;region&gt;/policies/&lt;name&gt;.js</c>, parameters in <c>regions/&lt;region&gt;.json</c>.
/// </summary>
public sealed class DirectoryPolicyResources(string root) : IPolicyResources
{
    public string Root { get; } = Path.GetFullPath(root);

    public async ValueTask<string?> GetScriptAsync(string tenantId, string name, CancellationToken ct = default)
    {
        if (!IsSafeName(name) || !IsSafeName(tenantId))
        {
            return null;
        }

        foreach (var path in new[] { Path.Combine(Root, tenantId, "policies", name + ".js"), Path.Combine(Root, "policies", name + ".js") })
        {
            if (File.Exists(path))
            {
                return await File.ReadAllTextAsync(path, ct);
            }
        }

        return null;
    }

    public async ValueTask<string?> GetParametersAsync(string tenantId, CancellationToken ct = default)
    {
        if (!IsSafeName(tenantId))
        {
            return null;
        }

        var path = Path.Combine(Root, "regions", tenantId + ".json");
        return File.Exists(path) ? await File.ReadAllTextAsync(path, ct) : null;
    }

    private static bool IsSafeName(string name) =>
        name.Length is > 0 and < 100 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && !name.Contains("..", StringComparison.Ordinal);
}
