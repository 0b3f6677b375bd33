using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Activities;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Engine.Tests.Support;
using static ResidentInsurance.Engine.Tests.Support.FlowBuilder;

namespace ResidentInsurance.Engine.Tests.Activities;

/// <summary>Two department tasks in parallel (民政 verifies, 财政 funds) joined by wait-all or wait-any.</summary>
public sealed class ForkJoinTests
{
    private static FlowBuilder TwoTasks(string id, string mode) => new FlowBuilder(id)
        .Activity("start", "Elsa.Start")
        .Activity("fork", "Elsa.FlowFork", Obj("branches", """["民政","财政"]"""))
        .Activity("civil", "ResidentInsurance.DepartmentTask", Lit("department", "civil_affairs"), Lit("title", "核实低保身份"), Obj("outcomes", """["通过","退回"]"""))
        .Activity("finance", "ResidentInsurance.DepartmentTask", Lit("department", "finance"), Lit("title", "资助资金到位"), Obj("outcomes", """["已拨付"]"""))
        .Activity("join", "Elsa.FlowJoin", Lit("mode", mode))
        .Activity("after", "Elsa.WriteLine", Lit("text", "joined"))
        .Connect("start", "fork")
        .Connect("fork", "civil", "民政").Connect("fork", "finance", "财政")
        .Connect("civil", "join", "通过").Connect("finance", "join", "已拨付")
        .Connect("join", "after");

    private static async Task<Bookmark> TaskOf(EngineHarness engine, string instanceId, string activityId) =>
        (await engine.BookmarksAsync(instanceId)).Single(b => b.ActivityId == activityId);

    private static JsonObject Outcome(string outcome) => new() { ["outcome"] = outcome, ["completedBy"] = "tester" };

    [Fact]
    public async Task Fork_suspends_on_both_branches_and_wait_all_continues_only_after_both()
    {
        using var engine = new EngineHarness();
        var started = await engine.RunAsync(TwoTasks("wait-all", "WaitAll").Build());
        Assert.Equal(WorkflowStatus.Suspended, started.Instance.Status);
        Assert.Equal(2, started.Bookmarks.Count);

        var civil = await TaskOf(engine, started.Instance.Id, "civil");
        var first = await engine.Runtime.ResumeAsync(ResumeRequest.ForBookmark(civil.Id, "k1", Outcome("通过")));
        Assert.Equal((ResumeOutcome.Resumed, WorkflowStatus.Suspended), (first.Outcome, first.Status));
        Assert.Empty(EngineHarness.Lines((await engine.ReloadAsync(started.Instance.Id))!));

        var finance = await TaskOf(engine, started.Instance.Id, "finance");
        var second = await engine.Runtime.ResumeAsync(ResumeRequest.ForBookmark(finance.Id, "k2", Outcome("已拨付")));
        Assert.Equal(WorkflowStatus.Finished, second.Status);
        Assert.Equal(["joined"], EngineHarness.Lines((await engine.ReloadAsync(started.Instance.Id))!));
    }

    [Fact]
    public async Task Wait_any_continues_on_the_first_branch_and_cancels_the_other_task()
    {
        using var engine = new EngineHarness();
        var started = await engine.RunAsync(TwoTasks("wait-any", "WaitAny").Build());
        var finance = await TaskOf(engine, started.Instance.Id, "finance");

        var result = await engine.Runtime.ResumeAsync(ResumeRequest.ForBookmark(finance.Id, "k1", Outcome("已拨付")));

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Empty(await engine.BookmarksAsync(started.Instance.Id));
        var outbox = await engine.Instances.ListOutboxAsync(100);
        Assert.Contains(outbox, m => m.Type == DepartmentTaskNames.CancelledMessage);
        Assert.Equal(["joined"], EngineHarness.Lines((await engine.ReloadAsync(started.Instance.Id))!));
    }

    [Fact]
    public async Task A_task_outcome_without_a_connection_ends_that_branch_and_the_join_keeps_waiting()
    {
        using var engine = new EngineHarness();
        var started = await engine.RunAsync(TwoTasks("wait-all-returned", "WaitAll").Build());
        var civil = await TaskOf(engine, started.Instance.Id, "civil");
        var finance = await TaskOf(engine, started.Instance.Id, "finance");

        await engine.Runtime.ResumeAsync(ResumeRequest.ForBookmark(civil.Id, "k1", Outcome("退回")));
        var last = await engine.Runtime.ResumeAsync(ResumeRequest.ForBookmark(finance.Id, "k2", Outcome("已拨付")));

        // 退回 leads nowhere: the join never receives the civil branch, nothing waits any more.
        Assert.Equal(WorkflowStatus.Finished, last.Status);
        Assert.Empty(EngineHarness.Lines((await engine.ReloadAsync(started.Instance.Id))!));
    }
}

/// <summary>A fault in one branch is not forgotten when another branch resumes.</summary>
public sealed class FaultedBranchTests
{
    [Fact]
    public async Task Resuming_the_healthy_branch_of_a_faulted_instance_keeps_it_faulted_until_retried()
    {
        using var engine = new EngineHarness();
        var flow = new FlowBuilder("faulted-branch")
            .Activity("fork", "Elsa.FlowFork", Obj("branches", """["wait","fail"]"""))
            .Activity("wait", "ResidentInsurance.WaitForEvent", Lit("eventName", "go"), Lit("correlationKey", "k"))
            .Activity("fail", "Elsa.Fault", Lit("message", "broken branch"))
            .Connect("fork", "wait", "wait").Connect("fork", "fail", "fail");
        var started = await engine.RunAsync(flow.Build());
        Assert.Equal(WorkflowStatus.Faulted, started.Instance.Status);

        var resumed = await engine.Runtime.ResumeAsync(ResumeRequest.ForEvent("test", "go", "k", "go-1"));

        Assert.Equal((ResumeOutcome.Resumed, WorkflowStatus.Faulted), (resumed.Outcome, resumed.Status));
        Assert.Equal(["fail"], (await engine.ReloadAsync(started.Instance.Id))!.PendingActivities);
    }
}
