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

    private static FlowBuilder Flow(string definitionId = "price") => new FlowBuilder(definitionId, "guizhou")
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

    private static FlowBuilder AdjustedFlow(string adjustments) => new FlowBuilder("price", "guizhou")
        .Variable("price")
        .Activity("start", "Elsa.Start")
        .Activity("evaluate", "ResidentInsurance.EvaluatePolicy", Lit("policy", "price"), Js("case", "input"), Js("parameters", adjustments))
        .Raw("evaluate", "result", OutputTo("price-id"))
        .Connect("start", "evaluate");

    [Fact]
    public async Task An_activity_adjusts_a_region_parameter_for_its_own_version_only()
    {
        // Guizhou 2021 (002 三): the late price is a region parameter; the designer changes it on the activity.
        using var engine = new EngineHarness();
        engine.Resources.Scripts["price"] = PriceScript;
        engine.Resources.Parameters["guizhou"] = Parameters;

        var adjusted = await engine.RunAsync(AdjustedFlow("({ 'years/2021/latePriceFen': 90000 })").Build(), Case("2021-05-01"));
        Assert.Equal(90000, adjusted.Instance.Variables["price"]!["amountDueFen"]!.GetValue<int>());

        // In period the adjusted parameter is not read; another definition of the region still sees 830.
        var inPeriod = await engine.StartAsync("price", Case("2021-02-10"));
        Assert.Equal(28000, inPeriod.Instance.Variables["price"]!["amountDueFen"]!.GetValue<int>());
        var other = await engine.RunAsync(Flow("price-other").Build(), Case("2021-05-01"));
        Assert.Equal(83000, other.Instance.Variables["price"]!["amountDueFen"]!.GetValue<int>());
    }

    [Fact]
    public async Task Adjustments_typed_as_text_are_read_as_JSON_and_an_empty_field_adjusts_nothing()
    {
        using var engine = new EngineHarness();
        engine.Resources.Scripts["price"] = PriceScript;
        engine.Resources.Parameters["guizhou"] = Parameters;

        var typed = await engine.RunAsync(new FlowBuilder("typed", "guizhou").Variable("price").Activity("start", "Elsa.Start")
            .Activity("evaluate", "ResidentInsurance.EvaluatePolicy", Lit("policy", "price"), Lit("parameters", "{\"years/2021/latePriceFen\": 85000}"))
            .Raw("evaluate", "result", OutputTo("price-id")).Connect("start", "evaluate").Build(), Case("2021-05-01"));
        Assert.Equal(85000, typed.Instance.Variables["price"]!["amountDueFen"]!.GetValue<int>());

        var cleared = await engine.RunAsync(new FlowBuilder("cleared", "guizhou").Variable("price").Activity("start", "Elsa.Start")
            .Activity("evaluate", "ResidentInsurance.EvaluatePolicy", Lit("policy", "price"), Lit("parameters", "  "))
            .Raw("evaluate", "result", OutputTo("price-id")).Connect("start", "evaluate").Build(), Case("2021-05-01"));
        Assert.Equal(83000, cleared.Instance.Variables["price"]!["amountDueFen"]!.GetValue<int>());

        var broken = await engine.RunAsync(new FlowBuilder("broken", "guizhou").Variable("price").Activity("start", "Elsa.Start")
            .Activity("evaluate", "ResidentInsurance.EvaluatePolicy", Lit("policy", "price"), Lit("parameters", "{years: 1"))
            .Raw("evaluate", "result", OutputTo("price-id")).Connect("start", "evaluate").Build(), Case("2021-05-01"));
        Assert.Contains("not JSON", Assert.Single(broken.Instance.Incidents).Message);
    }

    [Fact]
    public async Task An_adjusted_parameter_record_keeps_its_source_and_names_the_version_that_changed_it()
    {
        using var engine = new EngineHarness();
        engine.Resources.Scripts["price"] = "var r = params.years['2021'].latePriceFen; return { value: r.value, source: r.source, by: r.overriddenBy, unset: r.unset === true };";
        engine.Resources.Parameters["guizhou"] = """{ "years": { "2021": { "latePriceFen": { "value": null, "unset": true, "source": "002 三" } } } }""";

        var run = await engine.RunAsync(AdjustedFlow("({ 'years/2021/latePriceFen': 90000 })").Build(), Case("2021-05-01"));

        var price = run.Instance.Variables["price"]!;
        Assert.Equal(90000, price["value"]!.GetValue<int>());
        Assert.Equal("002 三", price["source"]!.GetValue<string>());
        Assert.Equal("price v1 evaluate", price["by"]!.GetValue<string>());
        Assert.False(price["unset"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("({ 'years/2021/latePrce': 90000 })", "years/2021/latePrce")]
    [InlineData("({ 'years/2022/latePriceFen': 90000 })", "years/2022")]
    [InlineData("({ 'years//latePriceFen': 1 })", "years//latePriceFen")]
    [InlineData("90000", "path → value")]
    public async Task An_adjustment_naming_no_parameter_is_an_incident_naming_the_path(string adjustments, string named)
    {
        using var engine = new EngineHarness();
        engine.Resources.Scripts["price"] = PriceScript;
        engine.Resources.Parameters["guizhou"] = Parameters;

        var run = await engine.RunAsync(AdjustedFlow(adjustments).Build(), Case("2021-05-01"));

        var incident = Assert.Single(run.Instance.Incidents);
        Assert.Equal("InvalidParameterOverride", incident.Kind);
        Assert.Contains(named, incident.Message);
        Assert.Equal(83000, System.Text.Json.Nodes.JsonNode.Parse(engine.Resources.Parameters["guizhou"])!["years"]!["2021"]!["latePriceFen"]!.GetValue<int>());
    }
}
