using System.Text;
using System.Text.Json.Nodes;

namespace ResidentInsurance.Tests.Shared;

/// <summary>
/// Hostile variants of a valid JSON document for property-based tests: one mutation at one place, chosen by the
/// numbers CsCheck generates (so a failure shrinks to the smallest mutation that breaks). Wrong types, huge and
/// negative numbers, impossible dates like 2021-02-30, overlong strings, deep nesting, removed and unknown fields,
/// and at the byte level truncation and invalid UTF-8.
/// </summary>
internal static class HostileJson
{
    public const int Kinds = 16;

    private static readonly Func<JsonNode?>[] Values =
    [
        () => null,
        () => "",
        () => "2021-02-30",
        () => "9999-99-99",
        () => 1e308,
        () => -1,
        () => JsonValue.Create(decimal.MaxValue),
        () => new string('字', 100_000),
        () => true,
        () => new JsonArray(),
        () => new JsonObject { ["unexpected"] = 1 },
        () => Deep(200),
        () => "520102198503150017", // an ID number whose checksum fails
        () => "<script>alert(1)</script>",
    ];

    /// <summary>The document with mutation <paramref name="kind"/> at the <paramref name="at"/>-th node (modulo their number), as UTF-8 bytes.</summary>
    public static byte[] Mutate(string valid, int at, int kind)
    {
        var root = JsonNode.Parse(valid)!;
        var nodes = Walk(root).ToList();
        var (parent, key, index) = nodes[Math.Abs(at) % nodes.Count];
        kind = Math.Abs(kind) % Kinds;
        switch (kind)
        {
            case < 14:
                Set(parent, key, index, Values[kind]());
                break;
            case 14 when parent is JsonObject o && key is not null:
                o.Remove(key);
                break;
            case 14:
                if (root is JsonObject top)
                {
                    top["extraField"] = "x";
                }

                break;
            default:
                var text = Encoding.UTF8.GetBytes(root.ToJsonString());
                // Bytes: cut short, or an invalid UTF-8 sequence in the middle.
                return at % 2 == 0 ? text[..(Math.Abs(at) % Math.Max(1, text.Length))] : [.. text[..(text.Length / 2)], 0xC3, 0x28, 0xFF, .. text[(text.Length / 2)..]];
        }

        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private static JsonNode Deep(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < depth && i < 60; i++)
        {
            node = new JsonArray(node); // JsonNode refuses to build past its own depth; the text below goes further
        }

        return node;
    }

    /// <summary>Every place a value sits: (parent, key or index).</summary>
    private static IEnumerable<(JsonNode? Parent, string? Key, int Index)> Walk(JsonNode? node)
    {
        yield return (null, null, -1);
        foreach (var place in Children(node))
        {
            yield return place;
        }
    }

    private static IEnumerable<(JsonNode? Parent, string? Key, int Index)> Children(JsonNode? node)
    {
        if (node is JsonObject o)
        {
            foreach (var (key, value) in o.ToList())
            {
                yield return (o, key, -1);
                foreach (var inner in Children(value))
                {
                    yield return inner;
                }
            }
        }
        else if (node is JsonArray a)
        {
            for (var i = 0; i < a.Count; i++)
            {
                yield return (a, null, i);
                foreach (var inner in Children(a[i]))
                {
                    yield return inner;
                }
            }
        }
    }

    private static void Set(JsonNode? parent, string? key, int index, JsonNode? value)
    {
        switch (parent)
        {
            case JsonObject o when key is not null:
                o[key] = value;
                break;
            case JsonArray a when index >= 0:
                a[index] = value;
                break;
        }
    }
}
