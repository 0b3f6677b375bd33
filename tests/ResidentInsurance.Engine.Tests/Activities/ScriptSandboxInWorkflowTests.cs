using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Tests.Support;
using static ResidentInsurance.Engine.Tests.Support.FlowBuilder;

namespace ResidentInsurance.Engine.Tests.Activities;

/// <summary>A hostile or broken expression becomes an incident on its activity; the engine keeps running.</summary>
public sealed class ScriptSandboxInWorkflowTests
{
    [Theory]
    [InlineData("while (true) {}", "Timeout", "StatementLimit")]
    [InlineData("System.IO.File.ReadAllText('/etc/passwd')", "ForbiddenAccess", "ForbiddenAccess")]
    [InlineData("function f(n) { return f(n + 1); } return f(0);", "RecursionLimit", "RecursionLimit")]
    [InlineData("var a = []; while (true) { a.push(new Array(1000000).fill(1)); }", "MemoryLimit", "Timeout")] // on a loaded machine the clock may stop it first
    [InlineData("return (", "Syntax", "Syntax")]
    public async Task Each_is_contained_as_an_incident_naming_the_activity(string script, string kind, string alternative)
    {
        using var engine = new EngineHarness();
        var flow = new FlowBuilder("hostile")
            .Activity("start", "Elsa.Start")
            .Activity("decide", "Elsa.FlowDecision", Js("condition", script))
            .Connect("start", "decide");

        var result = await engine.RunAsync(flow.Build());

        Assert.Equal(WorkflowStatus.Faulted, result.Instance.Status);
        var incident = Assert.Single(result.Instance.Incidents);
        Assert.Equal("decide", incident.ActivityId);
        Assert.Contains(incident.Kind, new[] { "Script" + kind, "Script" + alternative });
        Assert.Contains("decide.condition", incident.Message);

        var healthy = new FlowBuilder("healthy").Activity("ok", "Elsa.WriteLine", Js("text", "'still ' + (1 + 1)"));
        var after = await engine.RunAsync(healthy.Build());
        Assert.Equal(["still 2"], EngineHarness.Lines(after.Instance));
    }
}
