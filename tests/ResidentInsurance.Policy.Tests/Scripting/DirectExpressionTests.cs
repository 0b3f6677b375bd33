using System.Text.Json;
using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Definitions;
using ResidentInsurance.Engine.Scripting;
using ResidentInsurance.Policy.Scripting;
using ResidentInsurance.Policy.Tests.Support;

namespace ResidentInsurance.Policy.Tests.Scripting;

/// <summary>
/// Small expressions are read straight from the request's JSON (<see cref="DirectExpression"/>) when nothing in them
/// could behave otherwise in the sandbox. Whatever the direct reading answers must be what the sandbox answers: every
/// JavaScript expression of every workflow under workflows/, and a corpus of awkward ones, run in a sandbox with the
/// shortcuts and one without, over requests with ordinary, missing, null and odd values; answers and errors compared.
/// </summary>
public sealed class DirectExpressionTests : IDisposable
{
    private readonly Sandbox _direct = new(o => o.PoolSize = 1);
    private readonly Sandbox _sandbox = new(o => { o.PoolSize = 1; o.Shortcuts = false; });

    /// <summary>Expressions of the workflows' kinds that the direct reading must answer itself (not hand to the sandbox).</summary>
    public static TheoryData<string> Answered() =>
    [
        "input.person.idNumber + '/' + input.benefitYear",
        "variables.policyResult.accepted === true",
        "variables.policyResult.subsidy !== null && variables.policyResult.subsidy.mode === 'proxy_payment'",
        "variables.policyResult.subsidy.fund === 'county_finance' ? 'finance' : 'medical_insurance_agency'",
        "'全额资助代缴：' + input.person.name + '（' + variables.policyResult.subsidy.identity + '）'",
        "({ case: input, policy: variables.policyResult })",
        "variables.payment.amountFen === undefined || variables.payment.amountFen === null || variables.policyResult.amountDueFen === null || variables.payment.amountFen >= variables.policyResult.amountDueFen",
        "({ region: workflow.tenantId, benefitYear: input.benefitYear, amountDueFen: variables.policyResult.amountDueFen, payment: variables.payment })",
        "variables.policyResult.subsidy.payer || 'medical_insurance_agency'",
        "variables.plan.payBack.length > 0",
        "variables.plan.payBack[0].payer",
        "input",
    ];

    public static TheoryData<string> WorkflowExpressions()
    {
        var data = new TheoryData<string>();
        var directory = PlatformHome.FindWorkflows(null, AppContext.BaseDirectory) ?? throw new InvalidOperationException("workflows/ not found");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            foreach (var text in JavaScriptOf(JsonNode.Parse(File.ReadAllText(file))))
            {
                if (seen.Add(text))
                {
                    data.Add(text);
                }
            }
        }

        return data;
    }

    public static TheoryData<string> Awkward() =>
    [
        "input.missing", "input.toString", "input.constructor", "input.hasOwnProperty", "input.__proto__", "input.valueOf",
        "input.toString === undefined", "!input.valueOf", "input.constructor ? 1 : 2", "variables.hasOwnProperty === undefined",
        "variables.nothing.at", "variables.nothing", "input.person.missing.deeper", "input.nullValue.x", "input.nullValue",
        "input.person.name.length", "input.person.name.charAt", "input.person.identities.length", "input.person.identities[0]",
        "input.person.identities[0].code", "input.person.identities[5]", "input.person.identities.x", "input.person.identities['0']",
        "input['person']['name']", "input.person['1']", "input.numbers[1]", "input.numbers.length + input.numbers[2]",
        "input.benefitYear + 0.5", "input.benefitYear + ''", "'' + input.half", "'' + input.big", "input.big + 1", "'' + input.tiny",
        "'' + (input.benefitYear / 3)", "1 + true", "'a' + true + false", "'a' + null + undefined", "'x' + input.person", "input.person + 'x'",
        "'n' + -0", "'n' + input.negativeZero", "input.negativeZero === 0", "'' + input.huge", "input.huge - input.huge",
        "input === input", "input.person === input.person", "input.person === null", "null === undefined", "undefined === input.missing",
        "NaN === NaN", "-0 === 0", "input.zero === -0", "'1' === 1", "true === 1", "input.flag === true",
        "!input.missing", "!!input.person.name", "!input.empty", "!input.zero", "!input.emptyList", "!''",
        "input.missing ?? 'default'", "input.nullValue ?? input.zero", "input.zero ?? 1", "input.empty || 'none'", "input.zero || input.emptyText || 'last'",
        "input.zero && 'yes'", "input.person && input.person.name", "input.nullValue && input.nullValue.x",
        "({ a: input.missing, b: 1, c: [input.missing, null, input.zero] })", "({ '1': 2 })", "({ a: 1, a: 2 })", "({ __proto__: null, a: 1 })",
        "[1, , 2]", "[...input.numbers]", "({ ...input })", "({ nested: input, again: input.person })", "({ deep: input.deep })", "input.deep",
        "({ s: input.weird })", "input.weird", "[input.weird]", "({ 'key with space': input.person.name, 中文: 1 })",
        "input.indexed", "({ copy: input.indexed })", "input.numbers", "[input.numbers, input.person.identities]",
        "variables", "workflow.tenantId", "workflow", "unknownName", "Math", "undefined", "params", "inRange",
        "-input.benefitYear", "-input.person.name", "-input.missing", "input.benefitYear * 2 >= 4048", "input.person.name < 'z'",
        "input.benefitYear - 1 <= 2023", "input.benefitYear > input.missing", "input.half * 3", "input.numbers[0] - input.numbers[1] * 2",
        "input.person.name.length > 1 ? input.person.name : 'short'", "input.missing ? 1 : input.nullValue ? 2 : 3",
        "input?.person", "input.person?.name", "`x${input.benefitYear}`", "input.fn()", "typeof input", "void 0",
        "input.person.identities.length === 0 ? null : input.person.identities[input.person.identities.length - 1]",
        "({ toString: 1, valueOf: input.zero })", "({ constructor: input.person.name })",
    ];

    [Theory]
    [MemberData(nameof(WorkflowExpressions))]
    public void A_workflow_expression_answers_as_in_the_sandbox(string expression) => AnswersAlike(expression);

    [Theory]
    [MemberData(nameof(Awkward))]
    public void An_awkward_expression_answers_as_in_the_sandbox(string expression) => AnswersAlike(expression);

    [Theory]
    [MemberData(nameof(Answered))]
    public void The_workflows_kinds_of_expression_are_read_directly(string expression)
    {
        var direct = ScriptPreparer.Prepare(expression).Direct;

        Assert.NotNull(direct);
        Assert.True(direct.TryEvaluate(Request(expression, Contexts()[0]), out var result));
        Assert.Equal(Outcome(_sandbox, expression, Contexts()[0]), result?.ToJsonString() ?? "null");
    }

    [Fact]
    public void A_result_read_directly_is_a_copy_the_caller_may_change()
    {
        var context = Contexts()[0];
        var request = Request("({ case: input, policy: variables.policyResult })", context);

        var result = _direct.Evaluator.Evaluate(request)!.AsObject();
        result["case"]!["person"]!["name"] = "changed";

        Assert.NotEqual("changed", request.Globals["input"]!["person"]!["name"]!.GetValue<string>());
        Assert.Null(result["case"]!.Parent!.Parent);
    }

    [Fact]
    public void The_region_parameters_and_globals_over_a_helper_are_left_to_the_sandbox()
    {
        var shared = new ScriptRequest("params.x", new Dictionary<string, JsonNode?>()) { SharedGlobals = new Dictionary<string, JsonNode> { ["params"] = new JsonObject { ["x"] = 1 } } };
        Assert.False(ScriptPreparer.Prepare("params.x").Direct!.TryEvaluate(shared, out _));
        Assert.Equal(1, _direct.Evaluator.Evaluate(shared)!.GetValue<int>());

        // A request's global named like a helper is what the sandbox makes of it, whatever that is.
        var shadow = Request("inRange", new JsonObject { ["inRange"] = 5 });
        Assert.Equal(Outcome(_sandbox, shadow), Outcome(_direct, shadow));
    }

    public void Dispose()
    {
        _direct.Dispose();
        _sandbox.Dispose();
    }

    private void AnswersAlike(string expression)
    {
        var contexts = Contexts();
        for (var i = 0; i < contexts.Count; i++)
        {
            var expected = Outcome(_sandbox, expression, contexts[i]);
            for (var run = 0; run < 2; run++) // and again, on the same engine
            {
                var actual = Outcome(_direct, expression, contexts[i]);
                Assert.True(expected == actual, $"request {i}: the sandbox answers {expected}, the shortcuts {actual}");
            }
        }
    }

    private static string Outcome(Sandbox sandbox, string expression, JsonObject context) => Outcome(sandbox, Request(expression, context));

    private static string Outcome(Sandbox sandbox, ScriptRequest request)
    {
        try
        {
            return sandbox.Evaluator.Evaluate(request)?.ToJsonString() ?? "null";
        }
        catch (ScriptFailureException ex)
        {
            return $"failed: {ex.Kind}: {ex.Message}";
        }
    }

    private static ScriptRequest Request(string expression, JsonObject context)
    {
        var globals = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, value) in context)
        {
            if (name != "variables")
            {
                globals[name] = value?.DeepClone();
            }
        }

        return new ScriptRequest(expression, globals, context["variables"]?.DeepClone() as JsonObject, "test expression");
    }

    /// <summary>
    /// Requests: a full one; the same with nesting past the direct reading's depth and a lone surrogate; one with nulls
    /// and missing values; one with odd values and no variables.
    /// </summary>
    private static List<JsonObject> Contexts()
    {
        var deep = new JsonObject();
        var at = deep;
        for (var i = 0; i < 70; i++)
        {
            var next = new JsonObject();
            at["next"] = next;
            at = next;
        }

        var full = JsonNode.Parse("""
            {
              "input": { "region": "zhashui", "benefitYear": 2024, "department": "civil_affairs", "school": "一中", "refundReason": "subsidy_after_recognition",
                         "person": { "idNumber": "610424199001011234", "name": "张三", "birthDate": "1990-01-01", "identities": [ { "code": "dibao" } ] },
                         "zero": 0, "half": 0.5, "big": 9007199254740993, "tiny": 5e-7, "huge": 1e21, "negativeZero": -0.0, "flag": true,
                         "empty": {}, "emptyList": [], "emptyText": "", "nullValue": null, "numbers": [3, 1, 4] },
              "workflow": { "tenantId": "zhashui", "instanceId": "0190-abc" },
              "variables": {
                "policyResult": { "accepted": true, "amountDueFen": 19000, "personalStandardFen": 38000, "benefitStart": "2024-01-01", "benefitEnd": "2024-12-31",
                                  "subsidy": { "identity": "dibao", "amountFen": 19000, "mode": "proxy_payment", "fund": "county_finance", "payer": "civil_affairs" },
                                  "refundBy": "tax", "refundAmountFen": 38000, "refundDeadline": "2024-03-31", "evidence": [ { "identity": "dibao", "outcome": "applied" } ] },
                "payment": { "amountFen": 19000, "paidOn": "2023-12-20" },
                "approval": { "accepted": true, "payer": "finance", "deadline": "2024-01-31", "identity": "dibao", "amountFen": null, "mode": "proxy_payment", "fund": "county_finance", "approver": "a" },
                "plan": { "accepted": true, "rows": [ { "decision": "reject" }, { "decision": "accept" } ], "payable": [1, 2], "payBack": [ { "payer": "finance" } ], "confirmDeadline": "2024-02-01", "message": "ok" },
                "roster": { "accepted": true, "message": "m", "rows": [], "corrections": [1], "registered": [1, 2, 3], "paymentDeadline": "2024-06-30", "personalStandardFen": 38000 },
                "charged": 1, "confirmed": true, "review": { "ok": true }, "registration": null
              }
            }
            """)!.AsObject();
        var extreme = (JsonObject)full.DeepClone();
        extreme["input"]!["deep"] = deep;
        extreme["input"]!["indexed"] = JsonNode.Parse("""{ "b": 1, "2": "two", "1": "one" }"""); // the engine orders index keys first
        extreme["input"]!["weird"] = JsonValue.Create("a\ud800b"); // a lone surrogate: a JavaScript string may hold one, JSON text may not

        var sparse = JsonNode.Parse("""
            {
              "input": { "region": "pubei", "benefitYear": 2025, "person": { "idNumber": "450722200001010011", "name": "", "identities": [] }, "numbers": [] },
              "workflow": { "tenantId": "pubei" },
              "variables": {
                "policyResult": { "accepted": false, "amountDueFen": null, "subsidy": null, "benefitStart": null },
                "payment": { },
                "plan": { "accepted": false, "rows": [], "payable": [], "payBack": [] }
              }
            }
            """)!.AsObject();

        var odd = JsonNode.Parse("""
            {
              "input": { "benefitYear": 2024.5, "person": null, "numbers": "not a list", "zero": "0", "flag": 1, "weird": "😀" },
              "workflow": null
            }
            """)!.AsObject();

        return [full, extreme, sparse, odd];
    }

    private static IEnumerable<string> JavaScriptOf(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"] is JsonValue type && type.GetValueKind() == JsonValueKind.String && type.GetValue<string>() == "JavaScript"
                    && obj["value"] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                {
                    yield return value.GetValue<string>();
                }

                foreach (var (_, child) in obj)
                {
                    foreach (var text in JavaScriptOf(child))
                    {
                        yield return text;
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    foreach (var text in JavaScriptOf(child))
                    {
                        yield return text;
                    }
                }

                break;
        }
    }
}
