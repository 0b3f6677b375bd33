using Acornima.Ast;

namespace ResidentInsurance.Policy.Scripting;

/// <summary>
/// How far a script reads into a global: the property paths it names statically (<c>variables.policyResult.accepted</c>,
/// <c>input.person.idNumber</c>), or all of it. A global the script uses any other way — as a value
/// (<c>{ case: input }</c>), with a computed key, in <c>typeof</c>, declared or assigned under its name — is read whole;
/// so is whatever a path ends at (<c>var p = input.person</c> reads all of <c>person</c>). Converting only the paths read
/// gives the script the same values on every property it can reach: an object it could enumerate, pass on or call a
/// method on is always converted whole.
/// </summary>
internal sealed class GlobalReach
{
    /// <summary>Read whole.</summary>
    public static readonly GlobalReach Whole = new(null);

    private GlobalReach(Dictionary<string, GlobalReach>? properties) => Properties = properties;

    /// <summary>The properties read, each with how far; null when the value is read whole.</summary>
    public Dictionary<string, GlobalReach>? Properties { get; }

    /// <summary>How far the program reads each of <paramref name="names"/> (those it never names are absent).</summary>
    public static Dictionary<string, GlobalReach> Of(Node program, IReadOnlyCollection<string> names)
    {
        var paths = new Dictionary<string, List<List<string>>>(StringComparer.Ordinal);
        var ancestors = new Dictionary<Node, Node>(ReferenceEqualityComparer.Instance);
        foreach (var (node, parent) in SyntaxWalk.Of(program))
        {
            if (parent is not null)
            {
                ancestors[node] = parent;
            }

            if (node is Identifier identifier && names.Contains(identifier.Name) && !IsPropertyName(identifier, parent))
            {
                if (!paths.TryGetValue(identifier.Name, out var list))
                {
                    paths[identifier.Name] = list = [];
                }

                list.Add(Chain(identifier, ancestors));
            }
        }

        var reach = new Dictionary<string, GlobalReach>(StringComparer.Ordinal);
        foreach (var (name, list) in paths)
        {
            reach[name] = Merge(list, 0);
        }

        return reach;
    }

    /// <summary>A name that is not a reference: <c>a.name</c> or the key of <c>{ name: … }</c>.</summary>
    private static bool IsPropertyName(Identifier identifier, Node? parent) => parent switch
    {
        MemberExpression member => ReferenceEquals(member.Property, identifier) && !member.Computed,
        Property property => ReferenceEquals(property.Key, identifier) && !property.Computed && !property.Shorthand,
        _ => false,
    };

    /// <summary>The property names read statically from the identifier outward: <c>input.person.name</c> gives [person, name].</summary>
    private static List<string> Chain(Identifier identifier, Dictionary<Node, Node> ancestors)
    {
        var chain = new List<string>();
        Node current = identifier;
        while (ancestors.TryGetValue(current, out var parent)
            && parent is MemberExpression { Computed: false, Property: Identifier property } member
            && ReferenceEquals(member.Object, current))
        {
            chain.Add(property.Name);
            current = parent;
        }

        return chain;
    }

    private static GlobalReach Merge(List<List<string>> paths, int depth)
    {
        if (paths.Any(path => path.Count == depth))
        {
            return Whole;
        }

        var properties = new Dictionary<string, GlobalReach>(StringComparer.Ordinal);
        foreach (var group in paths.GroupBy(path => path[depth], StringComparer.Ordinal))
        {
            properties[group.Key] = Merge(group.ToList(), depth + 1);
        }

        return new GlobalReach(properties);
    }
}
