using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Scripting;
using ResidentInsurance.Policy.Scripting;
using ResidentInsurance.Policy.Tests.Support;

namespace ResidentInsurance.Policy.Tests.Scripting;

public sealed class GlobalsTests : IDisposable
{
    // One pooled engine, so every call here reuses the engine the previous one ran on.
    private readonly Sandbox _sandbox = new(o => o.PoolSize = 1);

    [Fact]
    public void Request_globals_are_visible_by_name()
    {
        var globals = new JsonObject
        {
            ["input"] = new JsonObject { ["name"] = "张三", ["amounts"] = new JsonArray(1, 2.5, null) },
            ["params"] = new JsonObject { ["latePrice"] = 830 },
            ["case"] = new JsonObject { ["id"] = "c-1" },
        };

        Assert.Equal(
            "[\"张三\",2.5,null,830,\"c-1\"]",
            _sandbox.Json("[input.name, input.amounts[1], input.amounts[2], params.latePrice, globalThis['case'].id]", globals));
    }

    [Fact]
    public void Variables_are_visible_as_an_object_through_getVariable_and_through_one_accessor_each()
    {
        var variables = new JsonObject { ["counter"] = 3, ["Total"] = 10, ["monthlyFee"] = 280 };

        Assert.Equal(
            "[3,3,3,10,10,280,null]",
            _sandbox.Json("[variables.counter, getVariable('counter'), getCounter(), getTotal(), variables.Total, getMonthlyFee(), getVariable('missing') ?? null]", variables: variables));
    }

    [Fact]
    public void A_script_naming_only_variables_reads_this_call_s_and_leaves_no_accessor_behind()
    {
        Assert.Equal("1", _sandbox.Json("getA()", variables: new JsonObject { ["a"] = 1 }));

        Assert.Equal("[2,3]", _sandbox.Json("[variables.a, variables.b]", variables: new JsonObject { ["a"] = 2, ["b"] = 3 }));
        Assert.Equal("[\"undefined\",\"undefined\",\"undefined\"]", _sandbox.Json("[typeof getA, typeof getB, typeof variables.a]"));
        Assert.Equal("[4,\"undefined\"]", _sandbox.Json("[getVariable('a'), typeof getB]", variables: new JsonObject { ["a"] = 4 }));
    }

    [Fact]
    public void A_global_of_an_earlier_request_is_not_there_for_a_script_whose_request_lacks_it()
    {
        Assert.Equal("1", _sandbox.Json("caseData.x", new { caseData = new { x = 1 } }));

        Assert.Equal("\"undefined\"", _sandbox.Json("typeof caseData"));
        Assert.Equal(ScriptFailureKind.Runtime, _sandbox.Fails("caseData.x").Kind);
        Assert.Equal("1", _sandbox.Json("caseData.x", new { caseData = new { x = 1 } }));
        Assert.Equal("[false,false]", _sandbox.Json("['caseData' in globalThis, Object.keys(globalThis).indexOf('caseData') >= 0]"));
    }

    [Fact]
    public void A_helper_a_script_replaced_is_the_library_s_again_in_the_next_script()
    {
        Assert.Equal("\"x\"", _sandbox.Json("parseDate = function () { return 'x'; }; parseDate('2021-01-01')"));

        Assert.Equal("\"2021-01-01\"", _sandbox.Json("parseDate('2021-01-01')"));
    }

    [Theory]
    [InlineData("inRange(input.paidOn, '2021-01-01', null)", false)]
    [InlineData("var total = 0; for (var k in input) { total++; } total", false)]
    [InlineData("input.paidOn = '2021-01-01'; input.paidOn", false)]
    [InlineData("function f() { var y = 1; y += 1; return y; } f()", false)]
    [InlineData("variables.policyResult.accepted === true", false)]
    [InlineData("params = {}", true)]
    [InlineData("inRange = null", true)]
    [InlineData("parseDate++", true)]
    [InlineData("[input] = [1]", true)]
    [InlineData("({ a: params } = {})", true)]
    [InlineData("for (params in input) {}", true)]
    [InlineData("function f() { var params; } params = 1", true)]
    [InlineData("globalThis.x = 1", true)]
    [InlineData("var g = globalThis; g.input", true)]
    public void A_script_may_change_the_globals_only_by_naming_them_as_a_target_or_reaching_the_global_object(string script, bool mayWrite)
    {
        Assert.Equal(mayWrite, ScriptPreparer.Prepare(script).MayWriteGlobals);
    }

    [Fact]
    public void Without_variables_there_is_an_empty_variables_object()
    {
        Assert.Equal("[\"object\",0]", _sandbox.Json("[typeof variables, Object.keys(variables).length]"));
    }

    [Fact]
    public void An_accessor_never_replaces_a_name_already_defined()
    {
        var variables = new JsonObject { ["Variable"] = 1, ["x"] = 2 };

        Assert.Equal("2", _sandbox.Json("getVariable('x')", variables: variables));
    }

    [Fact]
    public void Declarations_and_globals_of_one_call_are_gone_in_the_next()
    {
        _sandbox.Eval("var x = 1; let y = 2; globalThis.z = 3; function helper() {} return x + y;", new { input = 1 }, new() { ["counter"] = 1 });

        Assert.Equal(
            "[\"undefined\",\"undefined\",\"undefined\",\"undefined\",\"undefined\",\"undefined\"]",
            _sandbox.Json("[typeof x, typeof y, typeof z, typeof helper, typeof input, typeof getCounter]"));
    }

    [Fact]
    public void A_global_set_by_a_script_that_failed_is_gone_too()
    {
        _sandbox.Fails("globalThis.leak = 1; throw new Error('stop');");

        Assert.Equal("\"undefined\"", _sandbox.Json("typeof leak"));
    }

    [Fact]
    public void Overwriting_a_helper_or_a_built_in_lasts_only_for_that_call()
    {
        Assert.Equal("\"replaced\"", _sandbox.Json("addDays = function () { return 'replaced'; }; Math = null; return addDays('2021-01-01', 1);"));

        Assert.Equal("[\"2021-01-02\",2]", _sandbox.Json("[addDays('2021-01-01', 1), Math.max(1, 2)]"));
    }

    [Theory]
    [InlineData("Array.prototype.includes = function () { return true; }")]
    [InlineData("Object.prototype.polluted = 1")]
    [InlineData("idNumber.isValid = function () { return true; }")]
    [InlineData("JSON.parse = null")]
    [InlineData("Object.defineProperty(Date, 'now', { value: function () { return 0; } })")]
    public void Built_ins_and_helpers_cannot_be_changed_for_later_calls(string tamper)
    {
        var failure = _sandbox.Fails(tamper);

        Assert.Equal(ScriptFailureKind.Runtime, failure.Kind);
        Assert.Equal("[false,\"undefined\",false,true]", _sandbox.Json("[[1].includes(2), typeof ({}).polluted, idNumber.isValid('x'), typeof JSON.parse === 'function']"));
    }

    [Fact]
    public void Objects_can_still_override_inherited_members()
    {
        Assert.Equal(
            "[\"PolicyError\",\"custom\",\"p\"]",
            _sandbox.Json("var e = new Error('x'); e.name = 'PolicyError'; var o = {}; o.toString = function () { return 'custom'; }; var m = new MissingParameterError('p'); m.name = 'Other'; return [e.name, String(o), m.parameter];"));
    }

    [Fact]
    public void Input_is_copied_so_a_script_cannot_change_the_caller_s_json()
    {
        var input = new JsonObject { ["a"] = 1 };

        _sandbox.Evaluator.Evaluate(new ScriptRequest("input.a = 2; input.b = 3; return input.a;", new Dictionary<string, JsonNode?> { ["input"] = input }));

        Assert.Equal("{\"a\":1}", input.ToJsonString());
    }

    [Fact]
    public void Json_values_of_every_kind_arrive_as_plain_javascript_values()
    {
        var input = new JsonObject
        {
            ["int"] = JsonValue.Create(42),
            ["long"] = JsonValue.Create(9_000_000_000L),
            ["double"] = JsonValue.Create(0.5),
            ["decimal"] = JsonValue.Create(12.80m),
            ["parsed"] = JsonNode.Parse("{\"n\": 7, \"s\": \"text\", \"t\": true, \"f\": false, \"z\": null}"),
            ["__proto__"] = new JsonObject { ["polluted"] = true },
        };

        Assert.Equal(
            "[\"number\",42,9000000000,0.5,12.8,7,\"text\",true,false,null,true,\"undefined\",true]",
            _sandbox.Json(
                "[typeof input.int, input.int, input.long, input.double, input.decimal, input.parsed.n, input.parsed.s, input.parsed.t, input.parsed.f, input.parsed.z, " +
                "Object.getPrototypeOf(input) === Object.prototype, typeof input.polluted, Object.keys(input).includes('__proto__')]",
                new JsonObject { ["input"] = input }));
    }

    [Fact]
    public void Input_nested_too_deeply_is_refused()
    {
        JsonNode deep = new JsonObject();
        for (var i = 0; i < 300; i++)
        {
            deep = new JsonObject { ["next"] = deep };
        }

        var failure = _sandbox.Fails("input.next ? 1 : 0", new JsonObject { ["input"] = deep });

        Assert.Equal(ScriptFailureKind.Runtime, failure.Kind);
        Assert.Contains("'input'", failure.Detail);
    }

    [Theory]
    [InlineData("get说明()", "低保对象定额资助120元")]
    [InlineData("getAmountFen() + 1", "16001")]
    [InlineData("variables.amountFen", "16000")]
    [InlineData("getVariable('说明')", "低保对象定额资助120元")]
    public void Variables_are_there_for_every_way_a_script_names_them(string script, string expected)
    {
        var variables = new JsonObject { ["说明"] = "低保对象定额资助120元", ["amountFen"] = 16000 };

        Assert.Equal(expected, _sandbox.Eval(script, variables: variables)?.ToString());
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("input.next ? 1 : 0", false)]
    [InlineData("globalThis['in' + 'put'] ? 1 : 0", false)]
    [InlineData("getVariable('x') ?? 1", true)]
    public void A_global_is_built_only_for_a_script_that_can_reach_it(string script, bool runs)
    {
        // Input too deep to convert shows whether it was converted: only for scripts naming it, or globalThis.
        JsonNode deep = new JsonObject();
        for (var i = 0; i < 300; i++)
        {
            deep = new JsonObject { ["next"] = deep };
        }

        var globals = new JsonObject { ["input"] = deep };
        if (runs)
        {
            Assert.Equal("1", _sandbox.Json(script, globals));
        }
        else
        {
            Assert.Contains("'input'", _sandbox.Fails(script, globals).Detail);
        }
    }

    public void Dispose() => _sandbox.Dispose();
}
