using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Runtime;
using Microsoft.Extensions.DependencyInjection;
using ResidentInsurance.Persistence.Access;
using ResidentInsurance.Persistence.Tests.Support;

namespace ResidentInsurance.Persistence.Tests.Store;

/// <summary>The store's transactional rules, checked the same way on SQLite and on PostgreSQL.</summary>
internal static class StoreContract
{
    private static readonly DateTimeOffset Now = new(2021, 2, 10, 2, 0, 0, TimeSpan.Zero);

    private static WorkflowInstance Instance(string id) => new()
    {
        Id = id,
        DefinitionId = "guizhou-enrollment",
        DefinitionVersionId = "v1",
        Version = 1,
        TenantId = "guizhou",
        Status = WorkflowStatus.Suspended,
        CreatedAt = Now,
        UpdatedAt = Now,
        Revision = 1,
        Input = new JsonObject { ["name"] = "张三" },
        Variables = new JsonObject { ["说明"] = "低保对象定额资助120元", ["amountFen"] = 16000 },
        Incidents = [new Incident("a", "n", "Elsa.Fault", "Fault", "参数缺失", Now)],
    };

    private static Bookmark Bookmark(string id, string instanceId, string key, DateTimeOffset? resumeAt = null) => new()
    {
        Id = id,
        InstanceId = instanceId,
        TenantId = "guizhou",
        ActivityId = "wait",
        ActivityType = "ResidentInsurance.WaitForEvent",
        Name = "tax.payment-notice",
        CorrelationKey = key,
        ResumeAt = resumeAt,
        Payload = new JsonObject { ["k"] = key },
        CreatedAt = Now,
    };

    private static InstanceCommit Create(WorkflowInstance instance, params Bookmark[] bookmarks) =>
        new(instance, 0, true, [], bookmarks, [], [], [new JournalEntry(instance.Id, 1, "wait", null, "ResidentInsurance.WaitForEvent", 1, JournalEventKind.Suspended, Now)], []);

    public static async Task A_task_is_claimed_by_one_clerk_and_released_only_by_its_holder(PersistenceOptions database)
    {
        using var host = new StoreHost(database, new FakeTimeProvider(Now));
        var access = host.Services.GetRequiredService<IAccessStore>();

        // Eight clerks press 认领 at once: one holds the task, every one of them is told who.
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(n => Task.Run(() => access.ClaimAsync("task-1", $"clerk-{n}", Now.AddSeconds(n)))));
        var holder = claims[0].ClaimedBy;
        Assert.All(claims, c => Assert.Equal(holder, c.ClaimedBy));
        Assert.Equal(holder, (await access.ClaimAsync("task-1", "latecomer", Now.AddMinutes(1))).ClaimedBy);

        await access.ClaimAsync("task-2", "clerk-9", Now);
        var held = await access.FindClaimsAsync(["task-1", "task-2", "task-3", .. Enumerable.Range(10, 300).Select(n => $"task-{n}")]);
        Assert.Equal(["task-1", "task-2"], held.Keys.Order());
        Assert.Equal("clerk-9", held["task-2"].ClaimedBy);
        Assert.Equal(Now, held["task-2"].ClaimedAt);

        Assert.False(await access.ReleaseAsync("task-1", "latecomer"));
        Assert.True(await access.ReleaseAsync("task-1", holder));
        Assert.False(await access.ReleaseAsync("task-1", holder));
        Assert.Equal("latecomer", (await access.ClaimAsync("task-1", "latecomer", Now.AddMinutes(2))).ClaimedBy);
        Assert.Empty(await access.FindClaimsAsync([]));
    }

    public static async Task An_api_key_finds_its_account(PersistenceOptions database)
    {
        using var host = new StoreHost(database, new FakeTimeProvider(Now));
        var access = host.Services.GetRequiredService<IAccessStore>();
        await access.AddAccountsAsync([new StaffAccount("zhashui.tax", "柞水县税务局", "zhashui", "tax", "system", "-", "hash-of-key", null), new StaffAccount("longmen.clerk", "龙门办", "pubei", "town", "staff", "pw", null, "longmen")]);

        var found = await access.FindAccountByApiKeyHashAsync("hash-of-key");
        Assert.Equal(new StaffAccount("zhashui.tax", "柞水县税务局", "zhashui", "tax", "system", "-", "hash-of-key", null), found);
        Assert.Null(await access.FindAccountByApiKeyHashAsync("hash-of-another-key"));
        Assert.Equal("longmen", (await access.FindAccountAsync("longmen.clerk"))!.Town);
    }

    public static async Task Round_trips_an_instance_and_refuses_a_stale_revision(PersistenceOptions database)
    {
        using var host = new StoreHost(database, new FakeTimeProvider(Now));
        var store = host.Instances;
        await store.CommitAsync(Create(Instance("i1"), Bookmark("b1", "i1", "A/2021")));

        var read = (await store.FindInstanceAsync("i1"))!;
        Assert.Equal("低保对象定额资助120元", read.Variables["说明"]!.GetValue<string>());
        Assert.Equal("参数缺失", Assert.Single(read.Incidents).Message);
        Assert.Equal(Now, read.CreatedAt);

        var next = read.Clone();
        next.Revision = 2;
        next.Status = WorkflowStatus.Finished;
        await store.CommitAsync(new InstanceCommit(next, 1, false, ["b1"], [], [], [], [], []));
        var stale = read.Clone();
        stale.Revision = 2;
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            store.CommitAsync(new InstanceCommit(stale, 1, false, [], [Bookmark("b2", "i1", "B/2021")], [], [], [], [])));

        Assert.Contains("revision 1", conflict.Message);
        Assert.Empty(await store.ListBookmarksAsync("i1"));
        Assert.Equal(WorkflowStatus.Finished, (await store.FindInstanceAsync("i1"))!.Status);
    }

    public static async Task Consumes_a_bookmark_and_a_pending_stimulus_exactly_once(PersistenceOptions database)
    {
        using var host = new StoreHost(database, new FakeTimeProvider(Now));
        var store = host.Instances;
        await store.CommitAsync(Create(Instance("i1"), Bookmark("b1", "i1", "A/2021")));
        var stimulus = new Stimulus { Id = "s1", Key = "TX-1", Name = "tax.payment-notice", CorrelationKey = "A/2021", TenantId = "guizhou", ReceivedAt = Now, Status = StimulusStatus.Pending };
        await store.AddStimulusAsync(stimulus);
        await Assert.ThrowsAsync<DuplicateStimulusException>(() => store.AddStimulusAsync(stimulus with { Id = "s2" }));
        Assert.Equal("s1", (await store.FindPendingStimulusAsync("tax.payment-notice", "A/2021", "guizhou"))!.Id);
        Assert.Null(await store.FindPendingStimulusAsync("tax.payment-notice", "A/2021", "zhashui"));

        var instance = (await store.FindInstanceAsync("i1"))!;
        var racers = Enumerable.Range(0, 2).Select(_ =>
        {
            var copy = instance.Clone();
            copy.Revision = 2;
            return Task.Run(() => store.CommitAsync(new InstanceCommit(copy, 1, false, ["b1"], [], [], ["s1"], [], [])));
        }).ToArray();
        var outcomes = await Task.WhenAll(racers.Select(async t => { try { await t; return "ok"; } catch (ConcurrencyConflictException) { return "conflict"; } }));

        Assert.Equal(["conflict", "ok"], outcomes.Order());
        Assert.Equal(StimulusStatus.Consumed, (await store.FindStimulusAsync("TX-1"))!.Status);
        Assert.Empty(await store.ListPendingStimuliAsync(null));
    }

    public static async Task Finds_due_timers_by_instant_whatever_the_offset(PersistenceOptions database)
    {
        using var host = new StoreHost(database, new FakeTimeProvider(Now));
        var store = host.Instances;
        var chinaMidnight = new DateTimeOffset(2021, 7, 1, 0, 0, 0, TimeSpan.FromHours(8));
        await store.CommitAsync(Create(Instance("i1"),
            Bookmark("late", "i1", "x", chinaMidnight.AddDays(1)),
            Bookmark("due", "i1", "y", chinaMidnight),
            Bookmark("event", "i1", "z")));

        var justBefore = await store.FindDueTimersAsync(new DateTimeOffset(2021, 6, 30, 15, 59, 59, TimeSpan.Zero), 10);
        var atMidnight = await store.FindDueTimersAsync(new DateTimeOffset(2021, 6, 30, 16, 0, 0, TimeSpan.Zero), 10);

        Assert.Empty(justBefore);
        Assert.Equal("due", Assert.Single(atMidnight).Id);
        Assert.Equal(chinaMidnight, atMidnight[0].ResumeAt);
    }

    public static async Task Keeps_journal_order_and_the_outbox_until_sent(PersistenceOptions database)
    {
        using var host = new StoreHost(database, new FakeTimeProvider(Now));
        var store = host.Instances;
        var instance = Instance("i1");
        var journal = Enumerable.Range(1, 5).Select(n => new JournalEntry("i1", n, $"a{n}", null, "Elsa.WriteLine", 1, JournalEventKind.Completed, Now.AddSeconds(n))).Reverse().ToList();
        var outbox = Enumerable.Range(1, 3).Select(n => new OutboxMessage($"m{n}", "ResidentInsurance.TaskCreated", "guizhou", "i1", new JsonObject { ["n"] = n }, Now)).ToList();
        await store.CommitAsync(new InstanceCommit(instance, 0, true, [], [], [], [], journal, outbox));

        Assert.Equal([1L, 2, 3, 4, 5], (await store.GetJournalAsync("i1")).Select(j => j.Sequence));
        Assert.Equal(["m1", "m2", "m3"], (await store.ListOutboxAsync(10)).Select(m => m.Id));
        await store.MarkOutboxSentAsync(["m1", "m3"]);
        Assert.Equal(["m2"], (await store.ListOutboxAsync(10)).Select(m => m.Id));
    }

    public static async Task Keeps_published_events_as_records_after_the_outbox_is_sent(PersistenceOptions database)
    {
        using var host = new StoreHost(database, new FakeTimeProvider(Now));
        var store = host.Instances;
        OutboxMessage Event(string id, string tenant, string name, string key) =>
            new(id, WorkflowRecord.MessageType, tenant, "i1", new JsonObject { ["eventName"] = name, ["correlationKey"] = key, ["payload"] = new JsonObject { ["benefitStart"] = "2024-01-01" } }, Now);
        var outbox = new List<OutboxMessage>
        {
            new("t1", "ResidentInsurance.TaskCreated", "zhashui", "i1", new JsonObject { ["department"] = "tax" }, Now),
            Event("e1", "zhashui", "entitlement.recorded", "611026197504120312/2024"),
            Event("e2", "zhashui", "enrollment.ended", "611026197504120312/2024"),
            Event("e3", "pubei", "entitlement.recorded", "611026197504120312/2020"),
            Event("e4", "zhashui", "entitlement.recorded", "611026197504120399/2024"),
        };
        await store.CommitAsync(new InstanceCommit(Instance("i1"), 0, true, [], [], [], [], [], outbox));
        await store.MarkOutboxSentAsync(outbox.Select(m => m.Id).ToList());

        Assert.Empty(await store.ListOutboxAsync(10));
        var all = await store.ListRecordsAsync(new RecordQuery());
        Assert.Equal(["entitlement.recorded", "enrollment.ended", "entitlement.recorded", "entitlement.recorded"], all.Select(r => r.EventName));
        Assert.Equal(all.Select(r => r.Sequence).Order(), all.Select(r => r.Sequence));
        var mine = await store.ListRecordsAsync(new RecordQuery("zhashui", "entitlement.recorded", "611026197504120312/"));
        Assert.Equal("2024-01-01", Assert.Single(mine).Payload["benefitStart"]!.GetValue<string>());
        Assert.Equal(2, (await store.ListRecordsAsync(new RecordQuery(AfterSequence: all[1].Sequence))).Count);
    }

    public static async Task Refuses_a_second_version_with_the_same_number(PersistenceOptions database)
    {
        using var host = new StoreHost(database, new FakeTimeProvider(Now));
        var store = host.DefinitionStore;
        DefinitionVersion V(string id) => new()
        {
            Id = id, DefinitionId = "d", TenantId = "guizhou", Version = 1, Json = "{}", ContentHash = "h",
            Provenance = new Provenance(Provenance.Api, "t", Now), CreatedAt = Now,
        };
        await store.SaveAsync([V("a")], [new ContentBlob("h1", "policy-script", "return 1;")], null);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.SaveAsync([V("b")], [], null));
        await store.SaveAsync([V("a") with { IsPublished = true }], [new ContentBlob("h1", "policy-script", "return 1;")], null);

        Assert.True(Assert.Single(await store.ListVersionsAsync("d")).IsPublished);
        Assert.Equal("return 1;", (await store.GetContentAsync("h1"))!.Text);
    }
}
