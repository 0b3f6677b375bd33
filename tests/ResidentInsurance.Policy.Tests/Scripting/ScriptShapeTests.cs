using ResidentInsurance.Engine.Scripting;
using ResidentInsurance.Policy.Tests.Support;

namespace ResidentInsurance.Policy.Tests.Scripting;

public sealed class ScriptShapeTests : IDisposable
{
    private readonly Sandbox _sandbox = new();

    [Theory]
    [InlineData("a + 1", "4")]
    [InlineData("variables.x > 3", "true")]
    [InlineData("variables.x < 3", "false")]
    [InlineData("a\n  + 1 // a comment at the end", "4")]
    [InlineData("{ a: a }", "{\"a\":3}")]
    [InlineData("[a, a * 2]", "[3,6]")]
    [InlineData("a > 2 ? 'high' : 'low'", "\"high\"")]
    public void An_expression_is_its_own_result(string script, string expected)
    {
        Assert.Equal(expected, _sandbox.Json(script, new { a = 3 }, new() { ["x"] = 5 }));
    }

    [Theory]
    [InlineData("if (a > 2) return 1; return 2;", "1")]
    [InlineData("if (a > 5) return 1; return 2;", "2")]
    [InlineData("var total = 0;\nfor (var i = 1; i <= a; i++) { total += i; }\nreturn total;", "6")]
    [InlineData("const f = (n) => n * 10;\nreturn f(a);", "30")]
    [InlineData("var unused = a;", "null")]
    [InlineData("", "null")]
    [InlineData("// only a comment", "null")]
    public void A_function_body_returns_what_it_returns(string script, string expected)
    {
        Assert.Equal(expected, _sandbox.Json(script, new { a = 3 }));
    }

    [Theory]
    [InlineData("var b = a * 2; b + 1", "7")]
    [InlineData("a + 1;", "4")]
    [InlineData("if (a > 5) return 'big';\na * 10", "30")]
    public void A_body_ending_in_an_expression_returns_its_value(string script, string expected)
    {
        Assert.Equal(expected, _sandbox.Json(script, new { a = 3 }));
    }

    [Theory]
    [InlineData("1 +", "line 1")]
    [InlineData("var a = 1;\nif (a) { return 1", "line 2")]
    [InlineData("return )", "line 1")]
    [InlineData("with (Math) { return PI; }", "line 1")]
    public void A_script_that_does_not_parse_is_a_syntax_failure_pointing_into_its_text(string script, string where)
    {
        var failure = _sandbox.Fails(script);

        Assert.Equal(ScriptFailureKind.Syntax, failure.Kind);
        Assert.Contains(where, failure.Detail);
        Assert.Equal("test script", failure.Origin);
        Assert.StartsWith("Syntax in test script: ", failure.Message);
    }

    [Fact]
    public void A_body_cannot_close_the_wrapping_function_and_declare_globals()
    {
        var failure = _sandbox.Fails("return 1; }); globalThis.leaked = 1; (function () {");

        Assert.Equal(ScriptFailureKind.Syntax, failure.Kind);
        Assert.Equal("\"undefined\"", _sandbox.Json("typeof leaked"));
    }

    [Fact]
    public void A_script_is_parsed_once_and_the_cache_is_bounded()
    {
        using var sandbox = new Sandbox(o => o.PreparedScriptCacheSize = 2);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("2", sandbox.Json("1 + 1"));
        }

        Assert.Equal(1, sandbox.Evaluator.PreparedScriptCount);
        sandbox.Eval("2 + 2");
        sandbox.Eval("3 + 3");
        Assert.Equal(2, sandbox.Evaluator.PreparedScriptCount);

        // The least recently used text was dropped, and comes back when it is used again.
        Assert.Equal("2", sandbox.Json("1 + 1"));
        Assert.Equal(2, sandbox.Evaluator.PreparedScriptCount);
    }

    [Fact]
    public void A_cached_syntax_error_is_reported_with_each_request_s_origin()
    {
        var first = Assert.Throws<ScriptFailureException>(() => _sandbox.Evaluator.Evaluate(Sandbox.Request("1 +", origin: "activity a1")));
        var second = Assert.Throws<ScriptFailureException>(() => _sandbox.Evaluator.Evaluate(Sandbox.Request("1 +", origin: "activity a2")));

        Assert.Equal("activity a1", first.Origin);
        Assert.Equal("activity a2", second.Origin);
        Assert.Equal(first.Detail, second.Detail);
    }

    public void Dispose() => _sandbox.Dispose();
}
