using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ResidentInsurance.Engine.Serialization;

/// <summary>SHA-256 hashes: of text, and of JSON in a canonical form (keys sorted, no whitespace).</summary>
public static class ContentHash
{
    public static string Of(string text) => Of(Encoding.UTF8.GetBytes(text));

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Hash of a JSON document with the given top-level properties left out.</summary>
    public static string OfJson(JsonNode? node, params string[] ignoreTopLevel)
    {
        var builder = new StringBuilder();
        Write(node, builder, ignoreTopLevel, topLevel: true);
        return Of(builder.ToString());
    }

    private static void Write(JsonNode? node, StringBuilder builder, string[] ignore, bool topLevel)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                builder.Append('{');
                var first = true;
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (topLevel && ignore.Contains(key))
                    {
                        continue;
                    }

                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    builder.Append(JsonSerializer.Serialize(key)).Append(':');
                    Write(value, builder, ignore, topLevel: false);
                }

                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    Write(array[i], builder, ignore, topLevel: false);
                }

                builder.Append(']');
                break;
            default:
                builder.Append(node.ToJsonString());
                break;
        }
    }
}
