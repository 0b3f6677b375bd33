using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Scripting;
using ResidentInsurance.Policy.Tests.Support;

namespace ResidentInsurance.Policy.Tests.Helpers;

/// <summary>
/// The region's parameters as the engine hands them over: a shared global, converted once per sandbox and frozen,
/// whose paths <c>lookupParam</c> remembers. Every answer must be the one a plain <c>params</c> gives, on the first
/// read and on every read after it.
/// </summary>
public sealed class SharedParameterTests : IDisposable
{
    private static readonly JsonNode Zhashui = JsonNode.Parse("""
        { "latePrice": 830, "zero": 0, "unset": null,
          "subsidies": { "dibao": { "amountFen": 28000 }, "tekun": { "amountFen": null } },
          "bands": [ { "fromAge": 0 }, { "fromAge": 60 } ] }
        """)!;

    private static readonly JsonNode Pubei = JsonNode.Parse("""{ "latePrice": 350, "subsidies": { "dibao": { "amountFen": 19000 } } }""")!;

    // One engine, so every evaluation after the first meets what the earlier ones left behind.
    private readonly Sandbox _sandbox = new(o => o.PoolSize = 1);

    public static TheoryData<string> Scripts() =>
    [
        "requireParam('latePrice')",
        "requireParam('zero')",
        "requireParam('subsidies/dibao/amountFen')",
        "requireParam('subsidies.dibao.amountFen')",
        "requireParam('bands/1/fromAge')",
        "requireParam('subsidies/dibao')",
        "paramOr('unset', 1)",
        "paramOr('nothing/here', 'fallback')",
        "lookupParam('subsidies/tekun/amountFen', 'test')",
        "[requireParam('latePrice'), requireParam('latePrice'), paramOr('latePrice', 1)]",
        "try { requireParam('subsidies/tekun/amountFen'); } catch (e) { return [e instanceof MissingParameterError, e.parameter, e.message]; }",
        "try { requireParam('constructor'); } catch (e) { return [e.name, e.parameter]; }",
        "try { requireParam('a//b'); } catch (e) { return [e.name, e.message]; }",
        "try { requireParam(42); } catch (e) { return [e.name, e.message]; }",
    ];

    [Theory]
    [MemberData(nameof(Scripts))]
    public void A_shared_params_answers_as_a_plain_one_every_time(string script)
    {
        var plain = _sandbox.Json(script, new JsonObject { ["params"] = Zhashui.DeepClone() });

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(plain, Json(script, Zhashui));
        }
    }

    [Fact]
    public void Each_region_s_parameters_answer_for_themselves_on_the_same_engine()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("[830,28000]", Json("[requireParam('latePrice'), requireParam('subsidies/dibao/amountFen')]", Zhashui));
            Assert.Equal("[350,19000]", Json("[requireParam('latePrice'), requireParam('subsidies/dibao/amountFen')]", Pubei));
        }
    }

    [Fact]
    public void A_script_that_sets_its_own_params_reads_them_and_the_next_script_reads_the_region_s()
    {
        Assert.Equal("830", Json("requireParam('latePrice')", Zhashui));

        Assert.Equal("[1,2]", Json("params = { latePrice: 1 }; var a = requireParam('latePrice'); params.latePrice = 2; [a, requireParam('latePrice')]", Zhashui));

        Assert.Equal("830", Json("requireParam('latePrice')", Zhashui));
    }

    [Fact]
    public void Reading_parameters_in_a_loop_is_stopped_by_the_statement_limit()
    {
        // A new path each time goes to the library's walk, a nested call into the engine: the count must go on across it.
        using var sandbox = new Sandbox(o => { o.PoolSize = 1; o.MaxStatements = 5_000; });

        var failure = Assert.Throws<ScriptFailureException>(() => sandbox.Evaluator.Evaluate(Request("for (var i = 0; ; i++) { paramOr('p' + i, 0); }", Zhashui)));
        var repeated = Assert.Throws<ScriptFailureException>(() => sandbox.Evaluator.Evaluate(Request("for (;;) { requireParam('latePrice'); }", Zhashui)));

        Assert.Equal(ScriptFailureKind.StatementLimit, failure.Kind);
        Assert.Equal(ScriptFailureKind.StatementLimit, repeated.Kind);
    }

    private string Json(string script, JsonNode parameters) =>
        _sandbox.Evaluator.Evaluate(Request(script, parameters))?.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "null";

    /// <summary>A request with the parameters as the engine shares them: the same node for the same content.</summary>
    private static ScriptRequest Request(string script, JsonNode parameters) =>
        Sandbox.Request(script) with { SharedGlobals = new Dictionary<string, JsonNode>(StringComparer.Ordinal) { ["params"] = parameters } };

    public void Dispose() => _sandbox.Dispose();
}
