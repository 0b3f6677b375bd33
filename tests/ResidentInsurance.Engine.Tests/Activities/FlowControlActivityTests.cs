using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Tests.Support;
using static ResidentInsurance.Engine.Tests.Support.FlowBuilder;

namespace ResidentInsurance.Engine.Tests.Activities;

public sealed class FlowControlActivityTests
{
    [Theory]
    [InlineData(20, "adult")]
    [InlineData(12, "minor")]
    public async Task FlowDecision_takes_the_port_its_condition_selects(int age, string expected)
    {
        using var engine = new EngineHarness();
        var flow = new FlowBuilder("decision")
            .Activity("start", "Elsa.Start")
            .Activity("decide", "Elsa.FlowDecision", Js("condition", "input.age >= 18"))
            .Activity("adult", "Elsa.WriteLine", Lit("text", "adult"))
            .Activity("minor", "Elsa.WriteLine", Lit("text", "minor"))
            .Connect("start", "decide").Connect("decide", "adult", "True").Connect("decide", "minor", "False");

        var result = await engine.RunAsync(flow.Build(), new JsonObject { ["age"] = age });

        EngineHarness.AssertStatus(WorkflowStatus.Finished, result.Instance);
        Assert.Equal([expected], EngineHarness.Lines(result.Instance));
    }

    [Fact]
    public async Task FlowDecision_accepts_a_function_body_with_return_as_Elsa_writes_it()
    {
        using var engine = new EngineHarness();
        var flow = new FlowBuilder("decision-body")
            .Activity("decide", "Elsa.FlowDecision", Js("condition", "if (input.n > 2) { return true; } return false;"))
            .Activity("yes", "Elsa.WriteLine", Lit("text", "yes"))
            .Activity("no", "Elsa.WriteLine", Lit("text", "no"))
            .Connect("decide", "yes", "True").Connect("decide", "no", "False");

        var result = await engine.RunAsync(flow.Build(), new JsonObject { ["n"] = 3 });

        Assert.Equal(["yes"], EngineHarness.Lines(result.Instance));
    }

    private static FlowBuilder Switch(string id, string mode) => new FlowBuilder(id)
        .Activity("switch", "Elsa.FlowSwitch", Lit("mode", mode))
        .Raw("switch", "cases", new JsonArray(
            new JsonObject { ["label"] = "低保", ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "input.identities.includes('dibao')" } },
            new JsonObject { ["label"] = "特困", ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "input.identities.includes('tekun')" } }))
        .Activity("a", "Elsa.WriteLine", Lit("text", "低保"))
        .Activity("b", "Elsa.WriteLine", Lit("text", "特困"))
        .Activity("d", "Elsa.WriteLine", Lit("text", "default"))
        .Connect("switch", "a", "低保").Connect("switch", "b", "特困").Connect("switch", "d", "Default");

    [Theory]
    [InlineData("MatchFirst", "dibao,tekun", "低保")]
    [InlineData("MatchAny", "dibao,tekun", "低保,特困")]
    [InlineData("MatchFirst", "tekun", "特困")]
    [InlineData("MatchAny", "orphan", "default")]
    public async Task FlowSwitch_matches_first_or_any_and_falls_back_to_Default(string mode, string identities, string expected)
    {
        using var engine = new EngineHarness();
        var input = new JsonObject { ["identities"] = new JsonArray([.. identities.Split(',').Select(i => JsonValue.Create(i))]) };

        var result = await engine.RunAsync(Switch("switch-" + mode, mode).Build(), input);

        Assert.Equal(expected.Split(','), EngineHarness.Lines(result.Instance));
    }

    [Fact]
    public async Task FlowSwitch_reads_cases_wrapped_in_an_Object_expression()
    {
        using var engine = new EngineHarness();
        var flow = new FlowBuilder("switch-wrapped")
            .Activity("switch", "Elsa.FlowSwitch", Obj("cases", """[{"label":"big","condition":{"type":"JavaScript","value":"input.n > 10"}}]"""))
            .Activity("big", "Elsa.WriteLine", Lit("text", "big"))
            .Activity("small", "Elsa.WriteLine", Lit("text", "small"))
            .Connect("switch", "big", "big").Connect("switch", "small", "Default");

        var result = await engine.RunAsync(flow.Build(), new JsonObject { ["n"] = 11 });

        Assert.Equal(["big"], EngineHarness.Lines(result.Instance));
    }

    [Fact]
    public async Task SetVariable_writes_a_declared_variable_that_later_expressions_read_three_ways()
    {
        using var engine = new EngineHarness();
        var flow = new FlowBuilder("set-variable")
            .Variable("amountFen", "Int32", "0")
            .Activity("set", "Elsa.SetVariable", Js("value", "input.yuan * 100"))
            .Raw("set", "variable", new JsonObject { ["id"] = "amountFen-id", ["name"] = "amountFen", ["typeName"] = "Int32" })
            .Activity("out", "Elsa.WriteLine", Js("text", "variables.amountFen + '/' + getAmountFen() + '/' + getVariable('amountFen')"))
            .Connect("set", "out");

        var result = await engine.RunAsync(flow.Build(), new JsonObject { ["yuan"] = 280 });

        Assert.Equal(28000, result.Instance.Variables["amountFen"]!.GetValue<int>());
        Assert.Equal(["28000/28000/28000"], EngineHarness.Lines(result.Instance));
    }

    [Fact]
    public async Task SetVariable_on_an_undeclared_variable_is_an_incident_naming_it()
    {
        using var engine = new EngineHarness();
        var flow = new FlowBuilder("set-undeclared")
            .Activity("set", "Elsa.SetVariable", Lit("value", "1"))
            .Raw("set", "variable", new JsonObject { ["name"] = "nope" });

        var result = await engine.RunAsync(flow.Build());

        Assert.Equal(WorkflowStatus.Faulted, result.Instance.Status);
        var incident = Assert.Single(result.Instance.Incidents);
        Assert.Equal("set", incident.ActivityId);
        Assert.Contains("nope", incident.Message);
    }

    [Fact]
    public async Task Variable_expression_reads_by_name_or_id_and_Object_expression_parses_json()
    {
        using var engine = new EngineHarness();
        var flow = new FlowBuilder("expression-kinds")
            .Variable("standard", "Int32", "280")
            .Activity("byName", "Elsa.WriteLine", ("text", "Variable", JsonValue.Create("standard")))
            .Activity("byId", "Elsa.WriteLine", ("text", "Variable", JsonValue.Create("standard-id")))
            .Activity("obj", "Elsa.WriteLine", Obj("text", """{"a":[1,2]}"""))
            .Connect("byName", "byId").Connect("byId", "obj");

        var result = await engine.RunAsync(flow.Build());

        Assert.Equal(["280", "280", """{"a":[1,2]}"""], EngineHarness.Lines(result.Instance));
    }

    [Fact]
    public async Task A_literal_input_read_once_per_node_gives_every_run_its_own_copy()
    {
        // The node keeps its input's expression for every run: what a run writes from it must be that run's own.
        using var engine = new EngineHarness();
        var flow = new FlowBuilder("literal-copies")
            .Variable("bands", "Object", "null")
            .Activity("set", "Elsa.SetVariable", ("value", ResidentInsurance.Engine.Model.ExpressionTypes.Literal, JsonNode.Parse("{\"fromAge\":[0,60]}")))
            .Raw("set", "variable", new JsonObject { ["id"] = "bands-id", ["name"] = "bands", ["typeName"] = "Object" })
            .Build();

        var first = await engine.RunAsync(flow);
        var second = await engine.RunAsync(flow);
        ((JsonArray)first.Instance.Variables["bands"]!["fromAge"]!).Add(99);

        Assert.Equal(WorkflowStatus.Finished, second.Instance.Status);
        Assert.Equal("{\"fromAge\":[0,60]}", second.Instance.Variables["bands"]!.ToJsonString());
    }

    [Fact]
    public async Task End_finishes_the_workflow_and_cancels_other_waiting_branches()
    {
        using var engine = new EngineHarness();
        var flow = new FlowBuilder("end")
            .Activity("fork", "Elsa.FlowFork", Obj("branches", """["wait","stop"]"""))
            .Activity("wait", "ResidentInsurance.WaitForEvent", Lit("eventName", "never"), Lit("correlationKey", "k"))
            .Activity("end", "Elsa.End")
            .Connect("fork", "wait", "wait").Connect("fork", "end", "stop");

        var result = await engine.RunAsync(flow.Build());

        Assert.Equal(WorkflowStatus.Finished, result.Instance.Status);
        Assert.Empty(await engine.BookmarksAsync(result.Instance.Id));
    }

    [Fact]
    public async Task Fault_records_a_retryable_incident_with_code_and_message()
    {
        using var engine = new EngineHarness();
        var flow = new FlowBuilder("fault")
            .Activity("start", "Elsa.Start")
            .Activity("fail", "Elsa.Fault", Lit("code", "E42"), Lit("message", "参数缺失"))
            .Connect("start", "fail");

        var result = await engine.RunAsync(flow.Build());

        Assert.Equal(WorkflowStatus.Faulted, result.Instance.Status);
        var incident = Assert.Single(result.Instance.Incidents);
        Assert.Equal(("fail", "Fault:E42", "参数缺失"), (incident.ActivityId, incident.Kind, incident.Message));
        Assert.Equal(["fail"], result.Instance.PendingActivities);
        var stored = await engine.ReloadAsync(result.Instance.Id);
        Assert.Equal(WorkflowStatus.Faulted, stored!.Status);
    }

    [Fact]
    public async Task A_loop_through_a_decision_runs_until_its_condition_turns()
    {
        using var engine = new EngineHarness();
        var flow = new FlowBuilder("loop")
            .Variable("counter", "Int32", "0")
            .Activity("inc", "Elsa.SetVariable", Js("value", "getCounter() + 1"))
            .Raw("inc", "variable", new JsonObject { ["id"] = "counter-id", ["name"] = "counter" })
            .Activity("check", "Elsa.FlowDecision", Js("condition", "variables.counter >= 5"))
            .Activity("done", "Elsa.WriteLine", Js("text", "'n=' + variables.counter"))
            .Activity("start", "Elsa.Start")
            .Connect("start", "inc").Connect("inc", "check").Connect("check", "inc", "False").Connect("check", "done", "True");

        var result = await engine.RunAsync(flow.Build());

        Assert.Equal(["n=5"], EngineHarness.Lines(result.Instance));
    }

    [Fact]
    public async Task A_loop_that_never_waits_is_stopped_as_an_incident_not_a_hang()
    {
        using var engine = new EngineHarness();
        var flow = new FlowBuilder("endless")
            .Activity("a", "Elsa.WriteLine", Lit("text", "a"))
            .Activity("b", "Elsa.FlowDecision", Lit("condition", "true"))
            .Activity("start", "Elsa.Start")
            .Connect("start", "a").Connect("a", "b").Connect("b", "a", "True");

        var result = await engine.RunAsync(flow.Build());

        Assert.Equal(WorkflowStatus.Faulted, result.Instance.Status);
        Assert.Equal("ExecutionLimit", Assert.Single(result.Instance.Incidents).Kind);
    }
}
