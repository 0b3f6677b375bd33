using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Scripting;
using ResidentInsurance.Policy.Tests.Support;

namespace ResidentInsurance.Policy.Tests.Scripting;

public sealed class FailureTests : IDisposable
{
    private readonly Sandbox _sandbox = new();

    [Fact]
    public void A_thrown_error_is_a_runtime_failure_with_its_message_and_line()
    {
        var failure = Assert.Throws<ScriptFailureException>(() =>
            _sandbox.Evaluator.Evaluate(Sandbox.Request("var a = 1;\nif (a) throw new Error('payment period closed');\nreturn 2;", origin: "policy 'price' in activity evaluate")));

        Assert.Equal(ScriptFailureKind.Runtime, failure.Kind);
        Assert.Equal("policy 'price' in activity evaluate", failure.Origin);
        Assert.Equal("Error: payment period closed (line 2)", failure.Detail);
        Assert.Equal("Runtime in policy 'price' in activity evaluate: Error: payment period closed (line 2)", failure.Message);
        Assert.Null(failure.Parameter);
    }

    [Theory]
    [InlineData("null.x", "TypeError")]
    [InlineData("undefinedFunction()", "ReferenceError: undefinedFunction is not defined")]
    [InlineData("throw 'not an error'", "threw not an error")]
    [InlineData("throw { code: 42 }", "threw [object Object]")]
    [InlineData("throw new RangeError('out of range')", "RangeError: out of range")]
    [InlineData("parseDate('2021-02-30')", "RangeError: parseDate: '2021-02-30' is not a date")]
    [InlineData("throw { toString() { throw new Error('again'); } }", "threw a value that cannot be shown")]
    public void Whatever_a_script_throws_is_a_runtime_failure(string script, string detail)
    {
        var failure = _sandbox.Fails(script);

        Assert.Equal(ScriptFailureKind.Runtime, failure.Kind);
        Assert.Contains(detail, failure.Detail);
    }

    [Fact]
    public void A_thrown_object_whose_conversion_loops_is_stopped_by_the_limits()
    {
        using var sandbox = new Sandbox(o => o.MaxStatements = 10_000);

        var failure = sandbox.Fails("throw { toString() { while (true) {} } }");

        Assert.Equal(ScriptFailureKind.StatementLimit, failure.Kind);
        Assert.Equal("2", sandbox.Json("1 + 1"));
    }

    [Theory]
    [InlineData("subsidies/dibao/amountFen")]
    [InlineData("subsidies.dibao.amountFen")]
    [InlineData("subsidies/tekun/amountFen")]
    [InlineData("latePrice")]
    public void A_missing_parameter_is_reported_with_its_path(string path)
    {
        var globals = new JsonObject
        {
            ["params"] = new JsonObject
            {
                ["latePrice"] = null,
                ["subsidies"] = new JsonObject { ["dibao"] = new JsonObject { ["amountFen"] = null } },
            },
        };

        var failure = _sandbox.Fails($"var fee = 28000;\nreturn fee - requireParam('{path}');", globals);

        Assert.Equal(ScriptFailureKind.ParameterMissing, failure.Kind);
        Assert.Equal(path, failure.Parameter);
        Assert.Contains(path, failure.Message);
        Assert.Equal($"parameter '{path}' has no value", failure.Detail);
    }

    [Fact]
    public void A_missing_parameter_error_thrown_by_the_script_itself_counts_too()
    {
        var failure = _sandbox.Fails("throw new MissingParameterError('years/2021/latePriceFen')");

        Assert.Equal(ScriptFailureKind.ParameterMissing, failure.Kind);
        Assert.Equal("years/2021/latePriceFen", failure.Parameter);
    }

    [Fact]
    public void A_script_may_catch_a_missing_parameter_itself()
    {
        Assert.Equal(
            "\"latePrice\"",
            _sandbox.Json("try { requireParam('latePrice'); } catch (e) { if (e instanceof MissingParameterError) return e.parameter; throw e; }", new { @params = new { } }));
    }

    [Fact]
    public void Nothing_but_a_script_failure_escapes()
    {
        string[] scripts =
        [
            "1 +", "throw 1", "while (true) {}", "System.IO", "function f() { return f(); } return f();",
            "var s = 'x'; while (true) { s += s; }", "var o = {}; o.o = o; return o;", "requireParam('x')", "10n ** 100000000n",
            "new Array(2 ** 32)", "'x'.repeat(2 ** 30)", "JSON.parse('[' .repeat(100000))",
        ];

        foreach (var script in scripts)
        {
            var failure = Record.Exception(() => _sandbox.Eval(script));
            Assert.IsType<ScriptFailureException>(failure);
        }

        Assert.Equal("2", _sandbox.Json("1 + 1"));
    }

    public void Dispose() => _sandbox.Dispose();
}
