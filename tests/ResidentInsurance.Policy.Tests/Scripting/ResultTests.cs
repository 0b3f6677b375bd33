using System.Text.Json;
using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Scripting;
using ResidentInsurance.Policy.Tests.Support;

namespace ResidentInsurance.Policy.Tests.Scripting;

public sealed class ResultTests : IDisposable
{
    private readonly Sandbox _sandbox = new();

    [Theory]
    [InlineData("1 + 1", "2")]
    [InlineData("-0", "0")]
    [InlineData("28000 * 3", "84000")]
    [InlineData("2 ** 53", "9007199254740992")]
    [InlineData("0.1 + 0.2", "0.30000000000000004")]
    [InlineData("1 / 0", "null")]
    [InlineData("NaN", "null")]
    [InlineData("undefined", "null")]
    [InlineData("null", "null")]
    [InlineData("'文本'", "\"文本\"")]
    [InlineData("true", "true")]
    [InlineData("10n ** 3n", "1000")]
    [InlineData("Symbol('s')", "null")]
    [InlineData("(function () {})", "null")]
    [InlineData("({ a: 1, b: [1, 'x', null, undefined], c: undefined, d: { e: 2.5 }, f: function () {} })", "{\"a\":1,\"b\":[1,\"x\",null,null],\"d\":{\"e\":2.5}}")]
    [InlineData("new Date(Date.UTC(2021, 3, 1, 8, 30))", "\"2021-04-01T08:30:00.000Z\"")]
    [InlineData("({ paidOn: new Date(Date.UTC(2021, 0, 1)) })", "{\"paidOn\":\"2021-01-01T00:00:00.000Z\"}")]
    [InlineData("new Date(NaN)", "null")]
    [InlineData("[1, [2, [3]]]", "[1,[2,[3]]]")]
    public void Results_come_back_as_json(string script, string expected)
    {
        Assert.Equal(expected, _sandbox.Json(script));
    }

    [Fact]
    public void Integers_stay_integral()
    {
        var result = _sandbox.Eval("({ fen: 15000, list: [1, 2] })")!;
        var top = _sandbox.Eval("15000 * 2")!;

        Assert.Equal(JsonValueKind.Number, top.GetValueKind());
        Assert.Equal(30000, top.GetValue<int>());
        Assert.Equal(30000L, top.GetValue<long>());
        Assert.Equal(15000, result["fen"]!.GetValue<int>());
        Assert.Equal("15000", result["fen"]!.ToJsonString());
    }

    [Fact]
    public void A_result_json_cannot_hold_is_a_runtime_failure()
    {
        var failure = _sandbox.Fails("var o = {}; o.self = o; return o;");

        Assert.Equal(ScriptFailureKind.Runtime, failure.Kind);
        Assert.Equal("2", _sandbox.Json("1 + 1"));
    }

    [Theory]
    [InlineData("({ initial: '𠀀王'.charAt(0) })", "\\ud840")] // a name's first "character" cut out of a surrogate pair
    [InlineData("['x', '😀'.substring(1)]", "\\ude00")]
    [InlineData("({ nested: { list: ['ok', String.fromCharCode(0xDC00)] } })", "\\udc00")]
    public void Half_a_surrogate_pair_inside_a_result_is_a_runtime_failure_naming_it(string script, string escape)
    {
        var failure = _sandbox.Fails(script);

        Assert.Equal(ScriptFailureKind.Runtime, failure.Kind);
        Assert.Contains(escape, failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("surrogate", failure.Message);
    }

    [Fact]
    public void Whole_surrogate_pairs_and_escaped_backslashes_come_back_as_written()
    {
        var result = _sandbox.Eval("({ name: '𠀀王', emoji: '😀', text: 'a\\\\ud800', joined: ['𠀀'.charAt(0) + '𠀀'.charAt(1)] })")!;

        Assert.Equal("𠀀王", result["name"]!.GetValue<string>());
        Assert.Equal("😀", result["emoji"]!.GetValue<string>());
        Assert.Equal("a\\ud800", result["text"]!.GetValue<string>()); // a backslash, then the letters: not an escape
        Assert.Equal("𠀀", result["joined"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Results_are_independent_of_the_engine()
    {
        var first = _sandbox.Eval("({ n: 1 })")!;
        _sandbox.Eval("({ n: 2 })");

        Assert.Equal(1, first["n"]!.GetValue<int>());
        Assert.Null(first.Parent);
    }

    public void Dispose() => _sandbox.Dispose();
}
