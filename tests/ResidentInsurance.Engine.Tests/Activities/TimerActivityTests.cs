using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Clock;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Tests.Support;
using static ResidentInsurance.Engine.Tests.Support.FlowBuilder;

namespace ResidentInsurance.Engine.Tests.Activities;

public sealed class TimerActivityTests
{
    [Fact]
    public async Task Delay_waits_its_duration_on_the_injected_clock_and_the_scheduler_resumes_it()
    {
        using var engine = new EngineHarness();
        var flow = new FlowBuilder("delay")
            .Activity("wait", "Elsa.Delay", Lit("timeSpan", "P60D"))
            .Activity("after", "Elsa.WriteLine", Lit("text", "waited"))
            .Connect("wait", "after");
        var started = await engine.RunAsync(flow.Build());
        Assert.Equal(EngineHarness.Start.AddDays(60), Assert.Single(started.Bookmarks).ResumeAt);

        engine.Clock.Advance(TimeSpan.FromDays(59));
        Assert.Equal(0, await engine.Runtime.ProcessDueTimersAsync());
        engine.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await engine.Runtime.ProcessDueTimersAsync());
        Assert.Equal(0, await engine.Runtime.ProcessDueTimersAsync());

        Assert.Equal(["waited"], EngineHarness.Lines((await engine.ReloadAsync(started.Instance.Id))!));
    }

    [Fact]
    public async Task StartAt_waits_until_the_start_of_a_computed_date_in_China_time()
    {
        using var engine = new EngineHarness();
        // Guizhou 2021 (002): paid 2021-05-01 outside the period -> benefits from payment date + 61 days.
        var flow = new FlowBuilder("start-at")
            .Activity("at", "Elsa.StartAt", Js("dateTime", "addDays(input.paidOn, 61)"))
            .Activity("after", "Elsa.WriteLine", Lit("text", "benefits start"))
            .Connect("at", "after");
        var started = await engine.RunAsync(flow.Build(), new JsonObject { ["paidOn"] = "2021-05-01" });

        var expected = ChinaTime.StartOfDay(new DateOnly(2021, 7, 1));
        Assert.Equal(expected, Assert.Single(started.Bookmarks).ResumeAt);
        Assert.Equal(new DateTimeOffset(2021, 6, 30, 16, 0, 0, TimeSpan.Zero), expected.ToUniversalTime());
    }

    [Fact]
    public async Task StartAt_a_past_date_continues_at_once()
    {
        using var engine = new EngineHarness();
        var flow = new FlowBuilder("start-at-past")
            .Activity("at", "Elsa.StartAt", Lit("dateTime", "2020-01-01"))
            .Activity("after", "Elsa.WriteLine", Lit("text", "now"))
            .Connect("at", "after");

        var result = await engine.RunAsync(flow.Build());

        Assert.Equal(WorkflowStatus.Finished, result.Instance.Status);
    }

    [Fact]
    public async Task Timer_waits_one_interval_inside_a_flowchart()
    {
        using var engine = new EngineHarness();
        var flow = new FlowBuilder("timer")
            .Activity("tick", "Elsa.Timer", Lit("interval", "1.00:00:00"))
            .Activity("after", "Elsa.WriteLine", Lit("text", "tick"))
            .Connect("tick", "after");
        var started = await engine.RunAsync(flow.Build());

        engine.Clock.Advance(TimeSpan.FromDays(1));
        await engine.Runtime.ProcessDueTimersAsync();

        Assert.Equal(WorkflowStatus.Finished, (await engine.ReloadAsync(started.Instance.Id))!.Status);
    }

    [Fact]
    public async Task A_malformed_duration_is_an_incident_that_names_the_input()
    {
        using var engine = new EngineHarness();
        var flow = new FlowBuilder("bad-delay").Activity("wait", "Elsa.Delay", Lit("timeSpan", "sixty days"));

        var result = await engine.RunAsync(flow.Build());

        var incident = Assert.Single(result.Instance.Incidents);
        Assert.Equal("InvalidDuration", incident.Kind);
        Assert.Contains("wait.timeSpan", incident.Message);
    }
}
