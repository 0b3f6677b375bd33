using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Engine.Tests.Support;
using static ResidentInsurance.Engine.Tests.Support.FlowBuilder;

namespace ResidentInsurance.Engine.Tests.Runtime;

public sealed class OutboxDispatcherTests
{
    private static FlowBuilder Publishing() => new FlowBuilder("publishing")
        .Activity("a", "ResidentInsurance.PublishEvent", Lit("eventName", "one"))
        .Activity("b", "ResidentInsurance.PublishEvent", Lit("eventName", "two"))
        .Connect("a", "b");

    [Fact]
    public async Task Committed_messages_reach_every_sink_in_order_and_leave_the_outbox()
    {
        var sink = new RecordingSink();
        using var engine = new EngineHarness(s => s.AddSingleton<IOutboxSink>(sink));
        await engine.RunAsync(Publishing().Build());

        var sent = await engine.Services.GetRequiredService<OutboxDispatcher>().DispatchOnceAsync(CancellationToken.None);

        Assert.Equal(2, sent);
        Assert.Equal(["one", "two"], sink.Received.Select(m => m.Payload["eventName"]!.GetValue<string>()));
        Assert.Empty(await engine.Instances.ListOutboxAsync(10));
    }

    [Fact]
    public async Task A_failing_sink_keeps_the_message_for_the_next_attempt()
    {
        var sink = new RecordingSink { FailNext = true };
        using var engine = new EngineHarness(s => s.AddSingleton<IOutboxSink>(sink));
        await engine.RunAsync(Publishing().Build());
        var dispatcher = engine.Services.GetRequiredService<OutboxDispatcher>();

        Assert.Equal(0, await dispatcher.DispatchOnceAsync(CancellationToken.None));
        Assert.Equal(2, (await engine.Instances.ListOutboxAsync(10)).Count);
        Assert.Equal(2, await dispatcher.DispatchOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task With_no_sink_configured_nothing_is_dropped()
    {
        using var engine = new EngineHarness();
        await engine.RunAsync(Publishing().Build());

        Assert.Equal(0, await engine.Services.GetRequiredService<OutboxDispatcher>().DispatchOnceAsync(CancellationToken.None));
        Assert.Equal(2, (await engine.Instances.ListOutboxAsync(10)).Count);
    }

    private sealed class RecordingSink : IOutboxSink
    {
        public List<OutboxMessage> Received { get; } = [];

        public bool FailNext { get; set; }

        public Task SendAsync(OutboxMessage message, CancellationToken ct)
        {
            if (FailNext)
            {
                FailNext = false;
                throw new IOException("bus unreachable");
            }

            Received.Add(message);
            return Task.CompletedTask;
        }
    }
}
