using ResidentInsurance.Engine.Serialization;
using ResidentInsurance.Engine.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ResidentInsurance.Engine.Tests.Definitions;

public sealed class ValidationTests
{
    private static DefinitionValidator Validator(EngineHarness engine) => engine.Services.GetRequiredService<DefinitionValidator>();

    [Fact]
    public void Every_problem_is_listed_with_its_activity_id()
    {
        using var engine = new EngineHarness();
        var definition = WorkflowJson.ParseDefinition(File.ReadAllText("Definitions/Files/invalid-many-problems.json"));

        var problems = Validator(engine).Validate(definition);

        Assert.Contains(problems, p => p.ActivityId == "dup" && p.Message.Contains("duplicate"));
        Assert.Contains(problems, p => p.ActivityId == "mystery" && p.Message.Contains("Acme.DoesNotExist"));
        Assert.Contains(problems, p => p.ActivityId == "ghost" && p.Message.Contains("unknown activity"));
        Assert.Contains(problems, p => p.ActivityId == "start" && p.Message.Contains("'Maybe'"));
        Assert.Contains(problems, p => p.ActivityId == "decide" && p.Message.Contains("condition"));
        Assert.Contains(problems, p => p.ActivityId == "py" && p.Message.Contains("Python"));
        Assert.Contains(problems, p => p.ActivityId == "future" && p.Message.Contains("version 9"));
        Assert.Equal(7, problems.Count);
    }

    [Fact]
    public async Task Saving_an_invalid_definition_throws_with_all_problems_and_stores_nothing()
    {
        using var engine = new EngineHarness();
        var definition = WorkflowJson.ParseDefinition(File.ReadAllText("Definitions/Files/invalid-many-problems.json"));

        var error = await Assert.ThrowsAsync<DefinitionValidationException>(() => engine.PublishAsync(definition));

        Assert.Equal(7, error.Problems.Count);
        Assert.Contains("activity 'mystery'", error.Message);
        Assert.Empty(await engine.Definitions.ListVersionsAsync("broken"));
    }

    [Theory]
    [InlineData("{ \"definitionId\": \"x\", \"root\": { \"type\": \"Elsa.Flowchart\", ", "line 1")]
    [InlineData("{\n  \"definitionId\": \"x\",\n  \"version\": \"one\"\n}", "line 3")]
    [InlineData("null", "JSON null")]
    public void Malformed_json_is_reported_with_where_it_breaks(string json, string expected)
    {
        var error = Assert.Throws<DefinitionValidationException>(() => WorkflowJson.ParseDefinition(json, "bad.json"));

        Assert.Contains(expected, error.Message);
        Assert.Contains("bad.json", error.Message);
    }

    [Fact]
    public void A_flowchart_whose_every_activity_has_an_inbound_connection_has_no_start()
    {
        using var engine = new EngineHarness();
        var definition = new FlowBuilder("cycle")
            .Activity("a", "Elsa.WriteLine").Activity("b", "Elsa.WriteLine")
            .Connect("a", "b").Connect("b", "a").Build();

        var problems = Validator(engine).Validate(definition);

        Assert.Contains(problems, p => p.Message.Contains("no start activity"));
    }

    /// <summary>Found by the hostile-input property test (a mutation set "variables" to null): the graph check crashed.</summary>
    [Fact]
    public void Variables_set_to_null_declare_none_and_the_definition_still_validates()
    {
        using var engine = new EngineHarness();
        var json = """
            { "definitionId": "nulls", "variables": null,
              "root": { "id": "flow", "type": "Elsa.Flowchart", "activities": [ { "id": "start", "type": "Elsa.Start" } ] } }
            """;
        var definition = WorkflowJson.ParseDefinition(json, "nulls.json");

        Assert.Empty(Validator(engine).Validate(definition));
        Assert.Empty(definition.Variables);
        definition.Variables = null!; // a model built in code, not parsed
        Assert.Single(new Execution.WorkflowGraph(definition).StartActivities);
    }
}
