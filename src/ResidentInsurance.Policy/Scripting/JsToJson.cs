using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;

namespace ResidentInsurance.Policy.Scripting;

/// <summary>
/// A script's result as JSON. Primitives are converted here (integral numbers stay integral, NaN and
/// infinities become null, as in JSON.stringify). Plain data — objects made by literals with data properties only,
/// arrays, and the primitives in them — is read here too, as JSON.stringify would write it (a result object per
/// policy step went through JSON text and back: a tenth of a simulation's CPU). Anything else — a getter, a toJSON,
/// a Date, a class instance, a proxy, a cycle — goes through JSON.stringify inside the engine, so getters and toJSON
/// run under the script's limits, a Date becomes its ISO string and a cycle is a script error; the text is parsed here.
/// </summary>
internal static class JsToJson
{
    private const double MaxExactInteger = 9007199254740992d; // 2^53

    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 1024 };

    /// <summary>Plain data nested deeper than this goes through JSON.stringify (which also finds a cycle).</summary>
    private const int MaxPlainDepth = 64;

    /// <param name="value">The script's result.</param>
    /// <param name="toJson">The engine's JSON.stringify, called with the value.</param>
    /// <param name="realm">The engine's intrinsics (plain objects and arrays have their prototypes); null sends every object through JSON.stringify.</param>
    public static JsonNode? Convert(JsValue value, Func<JsValue, JsValue> toJson, Jint.Runtime.Intrinsics? realm)
    {
        if (value.IsUndefined() || value.IsNull() || value.IsSymbol())
        {
            return null;
        }

        if (value.IsBoolean())
        {
            return JsonValue.Create(value.AsBoolean());
        }

        if (value.IsString())
        {
            return JsonValue.Create(value.AsString());
        }

        if (value.IsNumber())
        {
            return Number(value.AsNumber());
        }

        if (value.IsBigInt())
        {
            var big = (BigInteger)value.ToObject()!;
            return JsonNode.Parse(big.ToString(CultureInfo.InvariantCulture));
        }

        if (realm is not null && TryPlain(value, realm, 0, out var plain))
        {
            return plain;
        }

        var text = toJson(value);
        return text.IsString() ? JsonNode.Parse(text.AsString(), documentOptions: ParseOptions) : null;
    }

    /// <summary>
    /// The JSON of a plain value, or false (having run no script code: only own data properties are read) when the value
    /// holds anything JSON.stringify could treat otherwise. An object's or array's own <c>toJSON</c> is not plain;
    /// the intrinsic prototypes are frozen without one.
    /// </summary>
    private static bool TryPlain(JsValue value, Jint.Runtime.Intrinsics realm, int depth, out JsonNode? node)
    {
        node = null;
        switch (value)
        {
            case JsString text:
                var s = text.ToString();
                if (s.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0)
                {
                    return false; // surrogates, paired or not, are left to JSON.stringify's escaping
                }

                node = JsonValue.Create(s);
                return true;
            case JsNumber number:
                node = Number(number.AsNumber());
                return true;
            case JsBoolean boolean:
                node = JsonValue.Create(boolean.AsBoolean());
                return true;
            case JsNull:
                return true;
            case JsArray array when depth < MaxPlainDepth && ReferenceEquals(array.Prototype, realm.Array.PrototypeObject) && !array.HasOwnProperty("toJSON"):
                var items = new JsonArray();
                var length = array.Length;
                for (uint i = 0; i < length; i++)
                {
                    var descriptor = array.GetOwnProperty(i);
                    if (descriptor.IsAccessorDescriptor())
                    {
                        return false;
                    }

                    var item = descriptor == Jint.Runtime.Descriptors.PropertyDescriptor.Undefined ? JsValue.Undefined : descriptor.Value;
                    if (item.IsUndefined())
                    {
                        items.Add(null); // a hole or undefined is null in an array
                    }
                    else if (TryPlain(item, realm, depth + 1, out var child))
                    {
                        items.Add(child);
                    }
                    else
                    {
                        return false;
                    }
                }

                node = items;
                return true;
            case JsObject obj when depth < MaxPlainDepth && ReferenceEquals(obj.Prototype, realm.Object.PrototypeObject):
                var result = new JsonObject();
                foreach (var key in obj.GetOwnPropertyKeys(Jint.Runtime.Types.String))
                {
                    var name = key.ToString();
                    var descriptor = obj.GetOwnProperty(key);
                    if (name == "toJSON" || descriptor.IsAccessorDescriptor())
                    {
                        return false;
                    }

                    if (!descriptor.Enumerable || descriptor.Value.IsUndefined())
                    {
                        continue; // not enumerable, or undefined: JSON.stringify leaves the property out
                    }

                    if (!TryPlain(descriptor.Value, realm, depth + 1, out var child))
                    {
                        return false;
                    }

                    result[name] = child;
                }

                node = result;
                return true;
            default:
                return false;
        }
    }

    /// <summary>The first <c>\udXXX</c> escape (a surrogate written alone) in JSON text, or null.</summary>
    internal static string? LoneSurrogateEscape(string json)
    {
        for (var i = json.IndexOf('\\'); i >= 0 && i < json.Length - 1; i = json.IndexOf('\\', i + 2))
        {
            if (json[i + 1] == 'u' && i + 6 <= json.Length
                && int.TryParse(json.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit)
                && unit is >= 0xD800 and <= 0xDFFF)
            {
                return json.Substring(i, 6);
            }
        }

        return null;
    }

    /// <summary>
    /// A number as a JSON number node (backed by its JSON text, like the numbers inside objects), so the
    /// caller can read it as whatever type fits: <c>GetValue&lt;int&gt;()</c>, <c>&lt;long&gt;</c>, <c>&lt;double&gt;</c>.
    /// </summary>
    internal static JsonNode? Number(double number)
    {
        if (!double.IsFinite(number))
        {
            return null;
        }

        var text = Math.Abs(number) <= MaxExactInteger && Math.Floor(number) == number
            ? ((long)number).ToString(CultureInfo.InvariantCulture)
            : Jint.Runtime.TypeConverter.ToString(new JsNumber(number)); // as JSON.stringify writes it: 1e+21, 5e-7
        return JsonNode.Parse(text);
    }
}
