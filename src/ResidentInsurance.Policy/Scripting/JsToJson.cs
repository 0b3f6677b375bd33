using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;

namespace ResidentInsurance.Policy.Scripting;

/// <summary>
/// A script's result as JSON. Primitives are converted here (integral numbers stay integral, NaN and
/// infinities become null, as in JSON.stringify); objects, arrays and dates go through JSON.stringify
/// inside the engine — so getters, toJSON and proxies run under the script's limits, a Date becomes its
/// ISO string and a cycle is a script error — and the text is parsed here.
/// </summary>
internal static class JsToJson
{
    private const double MaxExactInteger = 9007199254740992d; // 2^53

    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 1024 };

    /// <param name="toJson">The engine's JSON.stringify, called with the value.</param>
    public static JsonNode? Convert(JsValue value, Func<JsValue, JsValue> toJson)
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

        var text = toJson(value);
        return text.IsString() ? JsonNode.Parse(text.AsString(), documentOptions: ParseOptions) : null;
    }

    /// <summary>
    /// A number as a JSON number node (backed by its JSON text, like the numbers inside objects), so the
    /// caller can read it as whatever type fits: <c>GetValue&lt;int&gt;()</c>, <c>&lt;long&gt;</c>, <c>&lt;double&gt;</c>.
    /// </summary>
    private static JsonNode? Number(double number)
    {
        if (!double.IsFinite(number))
        {
            return null;
        }

        var text = Math.Abs(number) <= MaxExactInteger && Math.Floor(number) == number
            ? ((long)number).ToString(CultureInfo.InvariantCulture)
            : number.ToString("R", CultureInfo.InvariantCulture);
        return JsonNode.Parse(text);
    }
}
