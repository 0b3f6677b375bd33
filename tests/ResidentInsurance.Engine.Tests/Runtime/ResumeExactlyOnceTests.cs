using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Engine.Tests.Support;
using static ResidentInsurance.Engine.Tests.Support.FlowBuilder;

namespace ResidentInsurance.Engine.Tests.Runtime;

public sealed class ResumeExactlyOnceTests
{
    /// <summary>Counts how often the step after the task ran: a second resumption would count twice.</summary>
    private static FlowBuilder Counting() => new FlowBuilder("counting")
        .Variable("count", "Int32", "0")
        .Activity("task", "ResidentInsurance.DepartmentTask", Lit("department", "tax"), Lit("title", "确认缴费"), Obj("outcomes", """["已缴费"]"""))
        .Activity("inc", "Elsa.SetVariable", Js("value", "variables.count + 1"))
        .Raw("inc", "variable", new JsonObject { ["name"] = "count" })
        .Activity("publish", "ResidentInsurance.PublishEvent", Lit("eventName", "paid"))
        .Connect("task", "inc", "已缴费").Connect("inc", "publish");

    private static JsonObject Paid => new() { ["outcome"] = "已缴费" };

    [Fact]
    public async Task The_same_key_twice_is_already_handled_and_a_consumed_bookmark_is_no_match()
    {
        using var engine = new EngineHarness();
        var started = await engine.RunAsync(Counting().Build());
        var bookmark = Assert.Single(started.Bookmarks);

        var first = await engine.Runtime.ResumeAsync(ResumeRequest.ForBookmark(bookmark.Id, "key-1", Paid));
        var sameKey = await engine.Runtime.ResumeAsync(ResumeRequest.ForBookmark(bookmark.Id, "key-1", Paid));
        var otherKey = await engine.Runtime.ResumeAsync(ResumeRequest.ForBookmark(bookmark.Id, "key-2", Paid));

        Assert.Equal(ResumeOutcome.Resumed, first.Outcome);
        Assert.Equal(ResumeOutcome.AlreadyHandled, sameKey.Outcome);
        Assert.Equal(ResumeOutcome.NoMatch, otherKey.Outcome);
        Assert.Equal(1, (await engine.ReloadAsync(started.Instance.Id))!.Variables["count"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Two_threads_resuming_the_same_bookmark_produce_one_resumption(bool sameKey)
    {
        for (var round = 0; round < 20; round++)
        {
            using var engine = new EngineHarness();
            var started = await engine.RunAsync(Counting().Build());
            var bookmark = Assert.Single(started.Bookmarks);
            using var barrier = new Barrier(2);

            var attempts = Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
            {
                barrier.SignalAndWait();
                return await engine.Runtime.ResumeAsync(ResumeRequest.ForBookmark(bookmark.Id, sameKey ? "same" : $"key-{i}", Paid));
            })).ToArray();
            var results = await Task.WhenAll(attempts);

            Assert.Single(results, r => r.Outcome == ResumeOutcome.Resumed);
            Assert.Single(results, r => r.Outcome == (sameKey ? ResumeOutcome.AlreadyHandled : ResumeOutcome.NoMatch) || r.Outcome == ResumeOutcome.AlreadyHandled);
            var instance = (await engine.ReloadAsync(started.Instance.Id))!;
            Assert.Equal(1, instance.Variables["count"]!.GetValue<int>());
            Assert.Single(await engine.Instances.ListOutboxAsync(100), m => m.Type == "ResidentInsurance.WorkflowEvent");
        }
    }

    [Fact]
    public async Task Retry_reruns_the_faulted_activity_and_the_instance_completes_once_the_cause_is_gone()
    {
        using var engine = new EngineHarness();
        var flow = new FlowBuilder("retry")
            .Activity("start", "Elsa.Start")
            .Activity("check", "Elsa.FlowDecision", Js("condition", "if (today() < '2021-03-01') throw new Error('名单尚未报送'); return true;"))
            .Activity("ok", "Elsa.WriteLine", Lit("text", "ok"))
            .Connect("start", "check").Connect("check", "ok", "True");
        var started = await engine.RunAsync(flow.Build());
        Assert.Equal(WorkflowStatus.Faulted, started.Instance.Status);
        Assert.Contains("名单尚未报送", Assert.Single(started.Instance.Incidents).Message);

        engine.Clock.Advance(TimeSpan.FromDays(30));
        var retried = await engine.Runtime.RetryAsync(started.Instance.Id);

        Assert.Equal(WorkflowStatus.Finished, retried.Instance.Status);
        Assert.Equal(["ok"], EngineHarness.Lines(retried.Instance));
        Assert.True(Assert.Single(retried.Instance.Incidents).Resolved);
        Assert.Empty(retried.Instance.PendingActivities);
        await Assert.ThrowsAsync<InstanceStateException>(() => engine.Runtime.RetryAsync("nope"));
    }

    [Fact]
    public async Task Retry_of_an_instance_that_is_not_faulted_is_refused()
    {
        using var engine = new EngineHarness();
        var started = await engine.RunAsync(Counting().Build());

        var error = await Assert.ThrowsAsync<InstanceStateException>(() => engine.Runtime.RetryAsync(started.Instance.Id));

        Assert.Contains("Suspended", error.Message);
    }

    /// <summary>Waits for a payment notice by correlation key, then counts.</summary>
    private static FlowBuilder WaitingForPayment() => new FlowBuilder("waiting")
        .Variable("count", "Int32", "0")
        .Activity("pay", "ResidentInsurance.WaitForEvent", Lit("eventName", "tax.payment-notice"), Lit("correlationKey", "X/2024"))
        .Activity("inc", "Elsa.SetVariable", Js("value", "variables.count + 1"))
        .Raw("inc", "variable", new JsonObject { ["name"] = "count" })
        .Connect("pay", "inc");

    /// <summary>The process stopped after keeping the notice and before resuming: what was kept is not lost.</summary>
    private static async Task<(EngineHarness Engine, string InstanceId)> InterruptedDeliveryAsync()
    {
        var engine = new EngineHarness();
        var started = await engine.RunAsync(WaitingForPayment().Build());
        await engine.Instances.AddStimulusAsync(new Stimulus
        {
            Id = "s-1", Key = "TX-1", Name = "tax.payment-notice", CorrelationKey = "X/2024", TenantId = "test",
            Payload = new JsonObject { ["amountFen"] = 38000 }, ReceivedAt = EngineHarness.Start, Status = StimulusStatus.Pending,
        });
        return (engine, started.Instance.Id);
    }

    [Fact]
    public async Task A_notice_kept_but_not_handed_over_is_handed_over_when_it_is_delivered_again_and_only_once()
    {
        var (engine, instanceId) = await InterruptedDeliveryAsync();
        using var _ = engine;

        var again = await engine.Runtime.ResumeAsync(ResumeRequest.ForEvent("test", "tax.payment-notice", "X/2024", "TX-1", new JsonObject { ["amountFen"] = 38000 }));
        var thrice = await engine.Runtime.ResumeAsync(ResumeRequest.ForEvent("test", "tax.payment-notice", "X/2024", "TX-1", new JsonObject { ["amountFen"] = 38000 }));

        Assert.Equal((ResumeOutcome.Resumed, ResumeOutcome.AlreadyHandled), (again.Outcome, thrice.Outcome));
        var instance = (await engine.ReloadAsync(instanceId))!;
        Assert.Equal((WorkflowStatus.Finished, 1), (instance.Status, instance.Variables["count"]!.GetValue<int>()));
    }

    private static EngineHarness Watched(out WatchedInstanceStore watch)
    {
        WatchedInstanceStore? made = null;
        var engine = new EngineHarness(services => services.AddSingleton(sp =>
        {
            var (store, w) = WatchedInstanceStore.Over(sp.GetRequiredService<InMemoryWorkflowStore>());
            made = w;
            return store;
        }));
        _ = engine.Instances;
        watch = made!;
        return engine;
    }

    [Fact]
    public async Task A_notice_for_a_waiting_instance_is_kept_in_the_commit_of_the_step_it_resumes()
    {
        using var engine = Watched(out var watch);
        var started = await engine.RunAsync(WaitingForPayment().Build());
        var (commits, kept) = (watch.Count(nameof(IInstanceStore.CommitAsync)), watch.Count(nameof(IInstanceStore.AddStimulusAsync)));

        var paid = await engine.Runtime.ResumeAsync(ResumeRequest.ForEvent("test", "tax.payment-notice", "X/2024", "TX-1", new JsonObject { ["amountFen"] = 38000 }));
        var again = await engine.Runtime.ResumeAsync(ResumeRequest.ForEvent("test", "tax.payment-notice", "X/2024", "TX-1", new JsonObject { ["amountFen"] = 38000 }));

        Assert.Equal((ResumeOutcome.Resumed, ResumeOutcome.AlreadyHandled), (paid.Outcome, again.Outcome));
        Assert.Equal(commits + 1, watch.Count(nameof(IInstanceStore.CommitAsync))); // one commit: the step with its notice
        Assert.Equal(kept + 1, watch.Count(nameof(IInstanceStore.AddStimulusAsync))); // only the repeat, refused as known
        var notice = (await engine.Instances.FindStimulusAsync("TX-1"))!;
        Assert.Equal((StimulusStatus.Consumed, started.Instance.Id), (notice.Status, notice.ConsumedByInstanceId));
        Assert.Equal(1, (await engine.ReloadAsync(started.Instance.Id))!.Variables["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_notice_whose_commit_fails_is_kept_before_anything_else_and_handed_over_once_the_store_is_back()
    {
        using var engine = Watched(out var watch);
        var started = await engine.RunAsync(WaitingForPayment().Build());
        watch.FailingCommits = 2; // the commit with the notice, then the long way's resume

        await Assert.ThrowsAsync<IOException>(() => engine.Runtime.ResumeAsync(ResumeRequest.ForEvent("test", "tax.payment-notice", "X/2024", "TX-1", new JsonObject { ["amountFen"] = 38000 })));

        Assert.Equal(StimulusStatus.Pending, (await engine.Instances.FindStimulusAsync("TX-1"))!.Status); // not lost
        Assert.Equal(WorkflowStatus.Suspended, (await engine.ReloadAsync(started.Instance.Id))!.Status);
        Assert.Equal(1, await engine.Runtime.MatchPendingStimuliAsync());
        var instance = (await engine.ReloadAsync(started.Instance.Id))!;
        Assert.Equal((WorkflowStatus.Finished, 1), (instance.Status, instance.Variables["count"]!.GetValue<int>()));
    }

    [Fact]
    public async Task The_recovery_pass_hands_a_kept_notice_to_the_instance_waiting_for_it()
    {
        var (engine, instanceId) = await InterruptedDeliveryAsync();
        using var _ = engine;

        Assert.Equal(1, await engine.Runtime.MatchPendingStimuliAsync());
        Assert.Equal(0, await engine.Runtime.MatchPendingStimuliAsync());
        Assert.Equal(WorkflowStatus.Finished, (await engine.ReloadAsync(instanceId))!.Status);
        Assert.Empty(await engine.Instances.ListPendingStimuliAsync(null));
    }
}
