using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Engine.Tests.Support;
using static ResidentInsurance.Engine.Tests.Support.FlowBuilder;

namespace ResidentInsurance.Engine.Tests.Runtime;

public sealed class VersionPinningTests
{
    private static FlowBuilder Flow(string text) => new FlowBuilder("pinned")
        .Activity("task", "ResidentInsurance.DepartmentTask", Lit("department", "civil_affairs"), Lit("title", "核实"), Obj("outcomes", """["ok"]"""))
        .Activity("say", "Elsa.WriteLine", Lit("text", text))
        .Connect("task", "say", "ok");

    [Fact]
    public async Task A_running_instance_finishes_on_its_version_while_new_ones_start_on_the_next()
    {
        using var engine = new EngineHarness();
        var old = await engine.RunAsync(Flow("v1").Build());
        await engine.PublishAsync(Flow("v2").Build());
        var fresh = await engine.StartAsync("pinned");

        await engine.Runtime.ResumeAsync(ResumeRequest.ForBookmark(Assert.Single(old.Bookmarks).Id, "a", new JsonObject { ["outcome"] = "ok" }));
        await engine.Runtime.ResumeAsync(ResumeRequest.ForBookmark(Assert.Single(fresh.Bookmarks).Id, "b", new JsonObject { ["outcome"] = "ok" }));

        var oldDone = (await engine.ReloadAsync(old.Instance.Id))!;
        var freshDone = (await engine.ReloadAsync(fresh.Instance.Id))!;
        Assert.Equal(1, oldDone.Version);
        Assert.Equal(["v1"], EngineHarness.Lines(oldDone));
        Assert.Equal(2, freshDone.Version);
        Assert.Equal(["v2"], EngineHarness.Lines(freshDone));
        Assert.Equal(WorkflowStatus.Finished, oldDone.Status);
    }

    [Fact]
    public async Task A_draft_can_be_run_by_its_version_id_without_being_published()
    {
        using var engine = new EngineHarness();
        await engine.PublishAsync(Flow("published").Build());
        var draft = await engine.Definitions.SaveDraftAsync(Flow("draft").Build(), EngineHarness.ByTest);

        var run = await engine.Runtime.StartAsync(new StartWorkflowRequest("pinned")
        {
            VersionId = draft.Id,
            Options = new RunOptions { DryRun = true, WaitResponder = _ => new JsonObject { ["outcome"] = "ok" } },
        });
        var published = await engine.StartAsync("pinned", options: new RunOptions { DryRun = true, WaitResponder = _ => new JsonObject { ["outcome"] = "ok" } });

        Assert.Equal(["draft"], EngineHarness.Lines(run.Instance));
        Assert.Equal(["published"], EngineHarness.Lines(published.Instance));
    }

    [Fact]
    public async Task Starting_an_unknown_workflow_names_it()
    {
        using var engine = new EngineHarness();

        var error = await Assert.ThrowsAsync<WorkflowNotFoundException>(() => engine.StartAsync("nowhere-enrollment"));

        Assert.Contains("nowhere-enrollment", error.Message);
    }
}
