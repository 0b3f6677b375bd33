using System.Text.Json.Nodes;
using ResidentInsurance.Policy.Scripting;
using ResidentInsurance.Policy.Tests.Support;

namespace ResidentInsurance.Policy.Tests.Scripting;

/// <summary>
/// A script's globals are converted only as far as it reads them (<see cref="GlobalReach"/>). What it reads must be
/// the same as with the globals converted whole: every script below runs both ways and the answers are compared.
/// </summary>
public sealed class GlobalReachTests
{
    private static readonly JsonObject Globals = new()
    {
        ["input"] = JsonNode.Parse("""
            { "region": "zhashui", "benefitYear": 2024, "paidOn": "2023-12-20",
              "person": { "idNumber": "610424199001011234", "name": "张三", "birthDate": "1990-01-01",
                          "identities": [ { "code": "dibao", "recognizedOn": "2023-06-01" } ], "toString": "own" },
              "empty": {}, "list": [1, 2, 3] }
            """),
    };

    private static readonly JsonObject Variables = new()
    {
        ["policyResult"] = JsonNode.Parse("""
            { "accepted": true, "amountDueFen": 19000, "subsidy": { "identity": "dibao", "amountFen": 19000, "mode": "proxy_payment" },
              "evidence": [ { "identity": "dibao", "outcome": "applied" } ], "missingParameters": [] }
            """),
        ["payment"] = JsonNode.Parse("""{ "amountFen": 19000, "paidOn": "2023-12-20" }"""),
    };

    [Theory]
    [InlineData("input.person.idNumber + '/' + input.benefitYear", "input{benefitYear,person{idNumber}}")]
    [InlineData("variables.policyResult.accepted === true", "variables{policyResult{accepted}}")]
    [InlineData("({ case: input, policy: variables.policyResult })", "input* variables{policyResult}")]
    [InlineData("var p = input.person; p.name", "input{person}")]
    [InlineData("input.person.identities[0].code", "input{person{identities}}")]
    [InlineData("input['person'].name", "input*")]
    [InlineData("typeof input", "input*")]
    [InlineData("function f(input) { return input.x; } f(input.person) + input.region", "input*")]
    [InlineData("({ input: 1 }).input + input.region", "input{region}")]
    [InlineData("({ input }).input.region", "input*")]
    [InlineData("input?.person?.name", "input{person{name}}")]
    [InlineData("input.person.name.length + input.person.name.charAt(0)", "input{person{name{charAt,length}}}")]
    [InlineData("input.region = 'x'; input.region", "input{region}")]
    [InlineData("globalThis.input.region", "input*")]
    public void A_script_reads_its_globals_as_far_as_it_names_them(string script, string expected)
    {
        var prepared = ScriptPreparer.Prepare(script);

        Assert.Equal(expected, string.Join(" ", new[] { "input", "variables" }
            .Where(name => script.Contains(name, StringComparison.Ordinal))
            .Select(name => name + Describe(prepared.ReachOf(name)))));
    }

    [Theory]
    [InlineData("input.person.idNumber + '/' + input.benefitYear")]
    [InlineData("[input.person.name, input.person.identities.map(function (i) { return i.code; }), input.list.length]")]
    [InlineData("[input.person.toString, typeof input.person.hasOwnProperty, input.person.hasOwnProperty('name'), Object.keys(input.person)]")]
    [InlineData("[input.person.hasOwnProperty('birthDate'), input.person.propertyIsEnumerable('name'), input.person.name]")]
    [InlineData("[input.missing, input.empty.missing, typeof input.toString, input.person.name.length, input.person.name.charAt(0)]")]
    [InlineData("[input.region === undefined, input.benefitYear + 1, Object.keys(input).length]")]
    [InlineData("input.region = 'x'; input.person.name = 'y'; [input.region, input.person.name, JSON.stringify(input.person)]")]
    [InlineData("var p = input.person; delete p.name; [Object.keys(p), input.person.name === undefined]")]
    [InlineData("({ case: input, policy: variables.policyResult })")]
    [InlineData("variables.policyResult.subsidy !== null && variables.policyResult.subsidy.mode === 'proxy_payment'")]
    [InlineData("variables.payment.amountFen === undefined || variables.payment.amountFen === null || variables.policyResult.amountDueFen === null || variables.payment.amountFen >= variables.policyResult.amountDueFen")]
    [InlineData("[variables.policyResult.evidence.length, variables.policyResult.missingParameters, variables.policyResult.subsidy]")]
    [InlineData("'x' in input.person ? 1 : [Object.entries(variables.payment), 'name' in input.person]")]
    [InlineData("(function () { for (var k in input.person) { if (k === 'name') return input.person[k]; } })()")]
    [InlineData("({ region: workflow.tenantId, benefitYear: input.benefitYear, name: input.person.name, payment: variables.payment })")]
    public void A_script_reads_the_same_whether_its_globals_are_converted_whole_or_only_as_far_as_it_reads(string script)
    {
        var globals = (JsonObject)Globals.DeepClone();
        globals["workflow"] = new JsonObject { ["tenantId"] = "zhashui" };

        using var shortcuts = new Sandbox(o => o.PoolSize = 1);
        using var whole = new Sandbox(o => { o.PoolSize = 1; o.Shortcuts = false; });

        var expected = whole.Json(script, globals, (JsonObject)Variables.DeepClone());
        Assert.Equal(expected, shortcuts.Json(script, globals, (JsonObject)Variables.DeepClone()));
        Assert.Equal(expected, shortcuts.Json(script, globals, (JsonObject)Variables.DeepClone()));
    }

    /// <summary>'*' for a global read whole; a property read whole is its bare name.</summary>
    private static string Describe(GlobalReach reach) => reach.Properties is not { } properties
        ? "*"
        : "{" + string.Join(",", properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + (p.Value.Properties is null ? string.Empty : Describe(p.Value)))) + "}";
}
