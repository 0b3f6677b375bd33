using System.Text.Json.Nodes;
using Jint.Native;
using ResidentInsurance.Policy.Scripting;

namespace ResidentInsurance.Policy.Tests.Scripting;

/// <summary>
/// A result of plain data is read directly, anything else through JSON.stringify: either way the JSON must be what
/// JSON.stringify writes. Each value below is converted as a result and compared with JSON.stringify's text parsed.
/// </summary>
public sealed class PlainResultTests : IDisposable
{
    private readonly Jint.Engine _engine = new(o => o.Strict = true);

    [Theory]
    [InlineData("({ a: 1, b: 'x', c: true, d: null, e: [1, 2.5, -3], f: { g: { h: 'deep' } } })")]
    [InlineData("({ accepted: true, amountDueFen: 28000, evidence: [{ identity: 'dibao', amountFen: 16000, why: '低保对象定额资助' }], subsidy: null })")]
    [InlineData("({ big: 1e21, small: 5e-7, third: 1 / 3, negativeZero: -0, nan: NaN, inf: -Infinity, max: 9007199254740993 })")]
    [InlineData("[1, , 3, undefined, null, function () {}, Symbol('s')]")]
    [InlineData("({ b: 1, 2: 'two', 1: 'one', a: 2, '-1': 'minus', '01': 'zero one' })")]
    [InlineData("({ quote: 'say \"hi\"', slash: 'a\\\\b', line: 'a\\nb', tab: '\\t', control: '\\u0001', emoji: '😀' })")]
    [InlineData("({ u: undefined, f: function () {}, s: Symbol('s'), kept: 1 })")]
    [InlineData("(function () { var o = { shown: 1 }; Object.defineProperty(o, 'hidden', { value: 2, enumerable: false }); return o; })()")]
    [InlineData("(function () { var o = { a: 1 }; Object.defineProperty(o, 'g', { get: function () { return 'got'; }, enumerable: true }); return o; })()")]
    [InlineData("({ a: 1, toJSON: function () { return { replaced: true }; } })")]
    [InlineData("(function () { var a = [1, 2]; a.toJSON = function () { return 'array'; }; return a; })()")]
    [InlineData("(function () { var a = [1, 2]; a.extra = 'ignored'; return a; })()")]
    [InlineData("(function () { var o = Object.create(null); o.x = 1; return o; })()")]
    [InlineData("(function () { function P() { this.x = 1; } P.prototype.y = 2; return new P(); })()")]
    [InlineData("({ when: new Date(Date.UTC(2021, 0, 1)), boxed: new String('s'), n: new Number(3) })")]
    [InlineData("({ list: [[1, [2, [3, [4]]]], { a: [] }, {}] })")]
    [InlineData("(function () { var deep = {}; var at = deep; for (var i = 0; i < 100; i++) { at.next = {}; at = at.next; } return deep; })()")]
    public void A_result_is_the_json_JSON_stringify_writes(string script)
    {
        var value = _engine.Evaluate(script);
        var stringify = _engine.Evaluate("JSON.stringify");

        var converted = JsToJson.Convert(value, v => _engine.Call(stringify, JsValue.Undefined, [v]), _engine.Intrinsics);

        var expected = JsonNode.Parse(_engine.Call(stringify, JsValue.Undefined, [value]).ToString(), documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 1024 });
        Assert.Equal(expected!.ToJsonString(), converted!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(expected, converted));
    }

    [Fact]
    public void Numbers_inside_a_plain_result_read_as_any_numeric_type()
    {
        var value = _engine.Evaluate("({ amountFen: 28000, rate: 0.5, list: [16000] })");

        var converted = JsToJson.Convert(value, _ => throw new InvalidOperationException("plain data needs no JSON.stringify"), _engine.Intrinsics)!;

        Assert.Equal(280m, converted["amountFen"]!.GetValue<decimal>() / 100);
        Assert.Equal(28000L, converted["amountFen"]!.GetValue<long>());
        Assert.Equal(0.5, converted["rate"]!.GetValue<double>());
        Assert.Equal(16000, converted["list"]![0]!.GetValue<int>());
    }

    [Fact]
    public void A_cycle_is_left_to_JSON_stringify_which_refuses_it()
    {
        var value = _engine.Evaluate("(function () { var o = { a: 1 }; o.self = o; return o; })()");
        var stringify = _engine.Evaluate("JSON.stringify");

        Assert.Throws<Jint.Runtime.JavaScriptException>(() => { JsToJson.Convert(value, v => _engine.Call(stringify, JsValue.Undefined, [v]), _engine.Intrinsics); });
    }

    public void Dispose() => _engine.Dispose();
}
