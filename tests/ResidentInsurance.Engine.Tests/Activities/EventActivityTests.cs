using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Activities.Policy;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Engine.Tests.Support;
using static ResidentInsurance.Engine.Tests.Support.FlowBuilder;

namespace ResidentInsurance.Engine.Tests.Activities;

/// <summary>The tax department's payment notice as an event keyed by ID number and benefit year.</summary>
public sealed class EventActivityTests
{
    private const string Notice = "tax.payment-notice";

    private static FlowBuilder Enrollment() => new FlowBuilder("pay", "guizhou")
        .Variable("payment")
        .Activity("start", "Elsa.Start")
        .Activity("wait", "ResidentInsurance.WaitForEvent", Lit("eventName", Notice), Js("correlationKey", "input.idNumber + '/' + input.benefitYear"))
        .Raw("wait", "payload", OutputTo("payment-id"))
        .Activity("publish", "ResidentInsurance.PublishEvent", Lit("eventName", "entitlement.recorded"), Js("correlationKey", "input.idNumber"),
            Js("payload", "({ paidOn: variables.payment.paidOn, amountFen: variables.payment.amountFen })"))
        .Connect("start", "wait").Connect("wait", "publish");

    private static readonly JsonObject Person = new() { ["idNumber"] = "520102198503150016", ["benefitYear"] = 2021 };

    private static JsonObject Payment(string paidOn) => new() { ["paidOn"] = paidOn, ["amountFen"] = 28000, ["transactionId"] = "T1" };

    [Fact]
    public async Task Waits_on_the_correlation_key_and_resumes_with_the_payload_then_publishes()
    {
        using var engine = new EngineHarness();
        var started = await engine.RunAsync(Enrollment().Build(), Person);
        Assert.Equal("520102198503150016/2021", Assert.Single(started.Bookmarks).CorrelationKey);

        var result = await engine.Runtime.ResumeAsync(ResumeRequest.ForEvent("guizhou", Notice, "520102198503150016/2021", "T1", Payment("2021-02-10")));

        Assert.Equal((ResumeOutcome.Resumed, WorkflowStatus.Finished), (result.Outcome, result.Status));
        var published = Assert.Single(await engine.Instances.ListOutboxAsync(10), m => m.Type == PublishEventActivity.MessageType);
        Assert.Equal("entitlement.recorded", published.Payload["eventName"]!.GetValue<string>());
        Assert.Equal("2021-02-10", published.Payload["payload"]!["paidOn"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_event_for_another_region_or_key_does_not_resume_and_is_parked_not_dropped()
    {
        using var engine = new EngineHarness();
        var started = await engine.RunAsync(Enrollment().Build(), Person);

        var otherRegion = await engine.Runtime.ResumeAsync(ResumeRequest.ForEvent("zhashui", Notice, "520102198503150016/2021", "T9", Payment("2021-02-10")));
        var otherYear = await engine.Runtime.ResumeAsync(ResumeRequest.ForEvent("guizhou", Notice, "520102198503150016/2022", "T10", Payment("2021-02-10")));

        Assert.Equal(ResumeOutcome.Parked, otherRegion.Outcome);
        Assert.Equal(ResumeOutcome.Parked, otherYear.Outcome);
        Assert.Equal(WorkflowStatus.Suspended, (await engine.ReloadAsync(started.Instance.Id))!.Status);
        Assert.Equal(2, (await engine.Instances.ListPendingStimuliAsync(null)).Count);
    }

    [Fact]
    public async Task A_notice_that_arrives_before_its_bookmark_is_kept_and_matched_when_the_bookmark_appears()
    {
        using var engine = new EngineHarness();
        await engine.PublishAsync(Enrollment().Build());

        var early = await engine.Runtime.ResumeAsync(ResumeRequest.ForEvent("guizhou", Notice, "520102198503150016/2021", "T1", Payment("2021-01-05")));
        Assert.Equal(ResumeOutcome.Parked, early.Outcome);

        var started = await engine.StartAsync("pay", Person);

        Assert.Equal(WorkflowStatus.Finished, started.Instance.Status);
        Assert.Equal("2021-01-05", started.Instance.Variables["payment"]!["paidOn"]!.GetValue<string>());
        Assert.Empty(await engine.Instances.ListPendingStimuliAsync("guizhou"));
        Assert.Equal(ResumeOutcome.AlreadyHandled, (await engine.Runtime.ResumeAsync(ResumeRequest.ForEvent("guizhou", Notice, "520102198503150016/2021", "T1", Payment("2021-01-05")))).Outcome);
    }

    [Fact]
    public async Task A_redelivered_notice_with_the_same_transaction_id_is_already_handled()
    {
        using var engine = new EngineHarness();
        var started = await engine.RunAsync(Enrollment().Build(), Person);

        var first = await engine.Runtime.ResumeAsync(ResumeRequest.ForEvent("guizhou", Notice, "520102198503150016/2021", "T1", Payment("2021-02-10")));
        var again = await engine.Runtime.ResumeAsync(ResumeRequest.ForEvent("guizhou", Notice, "520102198503150016/2021", "T1", Payment("2021-02-10")));

        Assert.Equal(ResumeOutcome.Resumed, first.Outcome);
        Assert.Equal(ResumeOutcome.AlreadyHandled, again.Outcome);
        Assert.Single(await engine.Instances.ListOutboxAsync(10), m => m.Type == PublishEventActivity.MessageType);
        Assert.Equal(started.Instance.Id, again.InstanceId);
    }
}
