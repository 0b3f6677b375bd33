using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Object;

namespace ResidentInsurance.Policy.Scripting;

/// <summary>
/// Builds plain JavaScript values from JSON nodes, directly (no JSON text in between): objects, arrays,
/// strings, numbers, booleans and null. No CLR object ever reaches a script.
/// </summary>
internal static class JsonToJs
{
    /// <summary>Deeper input is refused rather than risk the host's stack.</summary>
    public const int MaxDepth = 256;

    /// <exception cref="JsonDepthException">The node nests deeper than <see cref="MaxDepth"/>.</exception>
    public static JsValue Convert(Jint.Engine engine, JsonNode? node) => Convert(engine, node, 0);

    /// <summary>
    /// Only as far as a script reads (<see cref="GlobalReach"/>): an object whose read properties are all there gets just
    /// those; anything else — a property it reads that is not there (it may be a method of the prototype, called on
    /// the object), an array, a value read whole — is converted whole.
    /// </summary>
    /// <exception cref="JsonDepthException">The node nests deeper than <see cref="MaxDepth"/>.</exception>
    public static JsValue Convert(Jint.Engine engine, JsonNode? node, GlobalReach reach) => Convert(engine, node, reach, 0);

    private static JsValue Convert(Jint.Engine engine, JsonNode? node, GlobalReach reach, int depth)
    {
        if (reach.Properties is not { } read || node is not JsonObject obj || !HasAll(obj, read))
        {
            return Convert(engine, node, depth);
        }

        if (depth > MaxDepth)
        {
            throw new JsonDepthException();
        }

        var target = new JsObject(engine);
        foreach (var (key, value) in obj)
        {
            if (read.TryGetValue(key, out var further))
            {
                target.CreateDataProperty(key, Convert(engine, value, further, depth + 1));
            }
        }

        return target;
    }

    private static bool HasAll(JsonObject obj, Dictionary<string, GlobalReach> read)
    {
        foreach (var name in read.Keys)
        {
            if (!obj.ContainsKey(name))
            {
                return false;
            }
        }

        return true;
    }

    private static JsValue Convert(Jint.Engine engine, JsonNode? node, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new JsonDepthException();
        }

        switch (node)
        {
            case null:
                return JsValue.Null;
            case JsonObject obj:
                var target = new JsObject(engine);
                foreach (var (key, value) in obj)
                {
                    // CreateDataProperty, not Set: a "__proto__" key stays an ordinary property.
                    target.CreateDataProperty(key, Convert(engine, value, depth + 1));
                }

                return target;
            case JsonArray array:
                var items = new JsValue[array.Count];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = Convert(engine, array[i], depth + 1);
                }

                return new JsArray(engine, items);
            case JsonValue value:
                return Primitive(value);
            default:
                return JsValue.Null;
        }
    }

    private static JsValue Primitive(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                return new JsString(value.TryGetValue<string>(out var text) ? text : Reparse(value).GetString()!);
            case JsonValueKind.Number:
                return new JsNumber(Number(value));
            case JsonValueKind.True:
                return JsBoolean.True;
            case JsonValueKind.False:
                return JsBoolean.False;
            default:
                return JsValue.Null;
        }
    }

    internal static double Number(JsonValue value)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            return element.GetDouble();
        }

        if (value.TryGetValue<double>(out var d))
        {
            return d;
        }

        if (value.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (value.TryGetValue<int>(out var i))
        {
            return i;
        }

        if (value.TryGetValue<decimal>(out var m))
        {
            return (double)m;
        }

        // Any other CLR number a node can hold writes itself as a JSON number.
        return double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>The value as a JSON element, for CLR-backed values of less common types (char, Guid, dates).</summary>
    private static JsonElement Reparse(JsonValue value)
    {
        using var document = JsonDocument.Parse(value.ToJsonString());
        return document.RootElement.Clone();
    }
}

/// <summary>A JSON input nests deeper than <see cref="JsonToJs.MaxDepth"/>.</summary>
internal sealed class JsonDepthException() : Exception($"nests deeper than {JsonToJs.MaxDepth} levels");
