using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Engine.Serialization;
using ResidentInsurance.Engine.Tests.Support;
using static ResidentInsurance.Engine.Tests.Support.FlowBuilder;

namespace ResidentInsurance.Engine.Tests.Activities;

public sealed class EvaluatePolicyTests
{
    // A small price rule in the shape of Guizhou 2021 (002): personal standard inside the period, late price after.
    private const string PriceScript = """
        var p = params.years[String(caseData.benefitYear)];
        var inPeriod = inRange(caseData.paidOn, p.collectionStart, p.collectionEnd);
        return { accepted: true, amountDueFen: inPeriod ? p.personalStandardFen : requireParam('years/' + caseData.benefitYear + '/latePriceFen') };
        """;

    private const string Parameters = """
        { "years": { "2021": { "personalStandardFen": 28000, "latePriceFen": 83000, "collectionStart": "2020-11-16", "collectionEnd": "2021-03-31" } } }
        """;

    private static FlowBuilder Flow() => new FlowBuilder("price", "guizhou")
        .Variable("price")
        .Activity("start", "Elsa.Start")
        .Activity("evaluate", "ResidentInsurance.EvaluatePolicy", Lit("policy", "price"), Js("case", "input"))
        .Raw("evaluate", "result", OutputTo("price-id"))
        .Activity("gate", "ResidentInsurance.WaitForEvent", Lit("eventName", "go"), Lit("correlationKey", "k"))
        .Activity("again", "ResidentInsurance.EvaluatePolicy", Lit("policy", "price"))
        .Raw("again", "result", OutputTo("price-id"))
        .Connect("start", "evaluate").Connect("evaluate", "gate").Connect("gate", "again");

    private static JsonObject Case(string paidOn) => new() { ["benefitYear"] = 2021, ["paidOn"] = paidOn };

    [Theory]
    [InlineData("2021-02-10", 28000)]
    [InlineData("2021-05-01", 83000)]
    public async Task Runs_the_named_script_with_the_case_and_region_parameters(string paidOn, int expectedFen)
    {
        using var engine = new EngineHarness();
        engine.Resources.Scripts["price"] = PriceScript;
        engine.Resources.Parameters["guizhou"] = Parameters;

        var result = await engine.RunAsync(Flow().Build(), Case(paidOn));

        Assert.Equal(expectedFen, result.Instance.Variables["price"]!["amountDueFen"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_published_version_keeps_its_pinned_script_and_parameters_after_they_are_edited()
    {
        using var engine = new EngineHarness();
        engine.Resources.Scripts["price"] = PriceScript;
        engine.Resources.Parameters["guizhou"] = Parameters;
        var started = await engine.RunAsync(Flow().Build(), Case("2021-05-01"));

        engine.Resources.Parameters["guizhou"] = Parameters.Replace("83000", "80000");
        engine.Resources.Scripts["price"] = "return { accepted: false };";
        await engine.Runtime.ResumeAsync(ResumeRequest.ForEvent("guizhou", "go", "k", "go-1"));

        var instance = (await engine.ReloadAsync(started.Instance.Id))!;
        Assert.Equal(83000, instance.Variables["price"]!["amountDueFen"]!.GetValue<int>());
        var fresh = await engine.StartAsync("price", Case("2021-05-01"));
        Assert.Equal(83000, fresh.Instance.Variables["price"]!["amountDueFen"]!.GetValue<int>());

        // Only a new version picks the edits up.
        await engine.PublishAsync(Flow().Build());
        var next = await engine.StartAsync("price", Case("2021-05-01"));
        Assert.Equal(2, next.Instance.Version);
        Assert.False(next.Instance.Variables["price"]!["accepted"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_missing_parameter_is_an_incident_naming_the_parameter()
    {
        using var engine = new EngineHarness();
        engine.Resources.Scripts["price"] = PriceScript;
        engine.Resources.Parameters["guizhou"] = Parameters.Replace("\"latePriceFen\": 83000", "\"latePriceFen\": null");

        var result = await engine.RunAsync(Flow().Build(), Case("2021-05-01"));

        var incident = Assert.Single(result.Instance.Incidents);
        Assert.Equal("ScriptParameterMissing", incident.Kind);
        Assert.Contains("years/2021/latePriceFen", incident.Message);
    }

    [Fact]
    public async Task A_definition_naming_a_script_that_does_not_exist_cannot_be_saved()
    {
        using var engine = new EngineHarness();

        var error = await Assert.ThrowsAsync<DefinitionValidationException>(() => engine.PublishAsync(Flow().Build()));

        Assert.Contains(error.Problems, p => p.ActivityId == "evaluate" && p.Message.Contains("'price'"));
    }
}
