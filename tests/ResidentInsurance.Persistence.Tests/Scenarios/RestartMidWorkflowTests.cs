using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Engine.Serialization;
using ResidentInsurance.Persistence.Tests.Support;

namespace ResidentInsurance.Persistence.Tests.Scenarios;

/// <summary>A workflow waiting on a department task survives a restart of the host on the same SQLite file.</summary>
public sealed class RestartMidWorkflowTests : IDisposable
{
    private readonly SqliteFile _file = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2023, 12, 1, 1, 0, 0, TimeSpan.Zero));

    public void Dispose() => _file.Dispose();

    private static string Definition => File.ReadAllText("Scenarios/refund-review.json");

    private static Provenance ByTest => new(Provenance.Api, "test", DateTimeOffset.UnixEpoch);

    private static JsonObject Approve(string by) => new() { ["outcome"] = "同意", ["completedBy"] = by };

    [Fact]
    public async Task In_one_host_a_start_takes_the_version_published_at_that_moment()
    {
        using var host = new StoreHost(_file.Options, _clock);
        await host.Definitions.SaveAndPublishAsync(WorkflowJson.ParseDefinition(Definition), ByTest);
        var first = await host.Runtime.StartAsync(new StartWorkflowRequest("scenario-refund") { Input = new JsonObject { ["name"] = "王五" } });
        Assert.Equal("退费审核：王五", Assert.Single(first.Bookmarks).Payload!["title"]!.GetValue<string>());

        // The host keeps version 1's document once it ran; version 2 published afterwards is what the next start takes.
        await host.Definitions.SaveAndPublishAsync(WorkflowJson.ParseDefinition(Definition.Replace("退费审核：", "退费复核：")), ByTest);
        var second = await host.Runtime.StartAsync(new StartWorkflowRequest("scenario-refund") { Input = new JsonObject { ["name"] = "赵六" } });
        Assert.Equal((2, "退费复核：赵六"), (second.Instance.Version, Assert.Single(second.Bookmarks).Payload!["title"]!.GetValue<string>()));

        // Retracted: no published version is left, so nothing starts (version 1 stays for its instance).
        await host.Definitions.RetractAsync("scenario-refund");
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => host.Runtime.StartAsync(new StartWorkflowRequest("scenario-refund") { Input = new JsonObject { ["name"] = "孙七" } }));
        Assert.Equal(1, (await host.Instances.FindInstanceAsync(first.Instance.Id))!.Version);
    }

    [Fact]
    public async Task The_instance_resumes_after_a_restart_and_finishes_on_its_version_while_new_ones_start_on_version_2()
    {
        string oldInstance, taskBookmark;
        using (var first = new StoreHost(_file.Options, _clock))
        {
            await first.Definitions.SaveAndPublishAsync(WorkflowJson.ParseDefinition(Definition), ByTest);
            var started = await first.Runtime.StartAsync(new StartWorkflowRequest("scenario-refund") { Input = new JsonObject { ["name"] = "王五" } });
            Assert.Equal(WorkflowStatus.Suspended, started.Instance.Status);
            oldInstance = started.Instance.Id;
            taskBookmark = Assert.Single(started.Bookmarks).Id;
        }

        using (var second = new StoreHost(_file.Options, _clock))
        {
            var edited = WorkflowJson.ParseDefinition(Definition.Replace("退费审核：", "退费复核："));
            var v2 = await second.Definitions.SaveAndPublishAsync(edited, ByTest);
            Assert.Equal(2, v2.Version);

            var waiting = (await second.Instances.FindInstanceAsync(oldInstance))!;
            Assert.Equal((WorkflowStatus.Suspended, 1), (waiting.Status, waiting.Version));
            Assert.Equal("退费审核：王五", (await second.Instances.FindBookmarkAsync(taskBookmark))!.Payload!["title"]!.GetValue<string>());

            var resumed = await second.Runtime.ResumeAsync(ResumeRequest.ForBookmark(taskBookmark, "task-1-done", Approve("ybjb-01")));
            Assert.Equal((ResumeOutcome.Resumed, WorkflowStatus.Finished), (resumed.Outcome, resumed.Status));

            var fresh = await second.Runtime.StartAsync(new StartWorkflowRequest("scenario-refund") { Input = new JsonObject { ["name"] = "赵六" } });
            Assert.Equal(2, fresh.Instance.Version);
            Assert.Equal("退费复核：赵六", Assert.Single(fresh.Bookmarks).Payload!["title"]!.GetValue<string>());
        }

        using var third = new StoreHost(_file.Options, _clock);
        var finished = (await third.Instances.FindInstanceAsync(oldInstance))!;
        Assert.Equal((WorkflowStatus.Finished, 1), (finished.Status, finished.Version));
        Assert.Equal("ybjb-01", finished.Variables["review"]!["completedBy"]!.GetValue<string>());
        var approved = (await third.Instances.ListOutboxAsync(100)).Single(m => m.Type == "ResidentInsurance.WorkflowEvent");
        Assert.Equal(1, approved.Payload["payload"]!["version"]!.GetValue<int>());
        var journal = await third.Instances.GetJournalAsync(oldInstance);
        Assert.Contains(journal, j => j.ActivityId == "review-task" && j.Event == JournalEventKind.Resumed);
        Assert.Equal(journal.Select(j => j.Sequence).Order(), journal.Select(j => j.Sequence));
        Assert.Equal(ResumeOutcome.AlreadyHandled, (await third.Runtime.ResumeAsync(ResumeRequest.ForBookmark(taskBookmark, "task-1-done", Approve("ybjb-01")))).Outcome);
    }

    [Fact]
    public async Task Two_threads_resuming_the_same_task_on_SQLite_produce_one_resumption()
    {
        using var host = new StoreHost(_file.Options, _clock);
        await host.Definitions.SaveAndPublishAsync(WorkflowJson.ParseDefinition(Definition), ByTest);
        for (var round = 0; round < 5; round++)
        {
            var started = await host.Runtime.StartAsync(new StartWorkflowRequest("scenario-refund") { Input = new JsonObject { ["name"] = $"n{round}" } });
            var bookmark = Assert.Single(started.Bookmarks).Id;
            using var barrier = new Barrier(2);

            var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
            {
                barrier.SignalAndWait();
                return await host.Runtime.ResumeAsync(ResumeRequest.ForBookmark(bookmark, $"round{round}-caller{i}", Approve($"clerk{i}")));
            })));

            Assert.Single(results, r => r.Outcome == ResumeOutcome.Resumed);
            Assert.Equal(1, (await host.Instances.ListOutboxAsync(1000)).Count(m => m.Type == "ResidentInsurance.WorkflowEvent" && m.InstanceId == started.Instance.Id));
        }
    }

    [Fact]
    public async Task A_payment_notice_parked_before_a_restart_is_matched_after_it()
    {
        const string waitJson = """
            { "definitionId": "scenario-pay", "tenantId": "guizhou", "root": { "id": "f", "type": "Elsa.Flowchart", "activities": [
              { "id": "wait", "type": "ResidentInsurance.WaitForEvent",
                "eventName": { "typeName": "String", "expression": { "type": "Literal", "value": "tax.payment-notice" } },
                "correlationKey": { "typeName": "String", "expression": { "type": "JavaScript", "value": "input.idNumber + '/' + input.benefitYear" } } }
            ], "connections": [] } }
            """;
        using (var first = new StoreHost(_file.Options, _clock))
        {
            await first.Definitions.SaveAndPublishAsync(WorkflowJson.ParseDefinition(waitJson), ByTest);
            var parked = await first.Runtime.ResumeAsync(ResumeRequest.ForEvent("guizhou", "tax.payment-notice", "520102198503150016/2021", "TX-1", new JsonObject { ["amountFen"] = 28000 }));
            Assert.Equal(ResumeOutcome.Parked, parked.Outcome);
        }

        using var second = new StoreHost(_file.Options, _clock);
        Assert.Single(await second.Instances.ListPendingStimuliAsync("guizhou"));
        var started = await second.Runtime.StartAsync(new StartWorkflowRequest("scenario-pay") { Input = new JsonObject { ["idNumber"] = "520102198503150016", ["benefitYear"] = 2021 } });

        Assert.Equal(WorkflowStatus.Finished, started.Instance.Status);
        Assert.Empty(await second.Instances.ListPendingStimuliAsync("guizhou"));
        Assert.Equal(ResumeOutcome.AlreadyHandled, (await second.Runtime.ResumeAsync(ResumeRequest.ForEvent("guizhou", "tax.payment-notice", "520102198503150016/2021", "TX-1"))).Outcome);
    }

    [Fact]
    public async Task A_registration_repeated_or_raced_with_one_correlation_id_makes_one_instance()
    {
        using var host = new StoreHost(_file.Options, _clock);
        await host.Definitions.SaveAndPublishAsync(WorkflowJson.ParseDefinition(Definition), ByTest);
        var first = await host.Runtime.StartAsync(new StartWorkflowRequest("scenario-refund") { Input = new JsonObject { ["name"] = "王五" }, CorrelationId = "520102198503150016/2021" });
        Assert.False(first.AlreadyStarted);

        var again = await host.Runtime.StartAsync(new StartWorkflowRequest("scenario-refund") { Input = new JsonObject { ["name"] = "王五" }, CorrelationId = "520102198503150016/2021" });
        Assert.True(again.AlreadyStarted);
        Assert.Equal(first.Instance.Id, again.Instance.Id);
        Assert.Equal(first.Bookmarks.Select(b => b.Id), again.Bookmarks.Select(b => b.Id));

        var raced = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            host.Runtime.StartAsync(new StartWorkflowRequest("scenario-refund") { Input = new JsonObject { ["name"] = "赵六" }, CorrelationId = "520102199001010011/2021" }))));
        Assert.Single(raced.Select(r => r.Instance.Id).Distinct());
        Assert.Single(raced, r => !r.AlreadyStarted);
        Assert.Equal(2, (await host.Instances.ListInstancesAsync(new InstanceQuery(DefinitionId: "scenario-refund"))).Count);
    }
}
