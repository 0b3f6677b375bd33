using System.Diagnostics;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ResidentInsurance.Engine;
using ResidentInsurance.Engine.Definitions;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Persistence;
using ResidentInsurance.Policy;
using ResidentInsurance.Policy.Identity;

namespace ResidentInsurance.Bus.Tests;

/// <summary>
/// Payment notices over the bus resume Zhashui's shipped enrollment exactly once; the outbox goes out as stable
/// messages. In memory with MassTransit's test harness, and on a real RabbitMQ with two hosts sharing the work.
/// </summary>
public sealed class BusTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ri-bus-");
    private static readonly string Workflows = PlatformHome.FindWorkflows(null, AppContext.BaseDirectory)!;

    private readonly List<Action> _cleanup = [];

    public void Dispose()
    {
        _cleanup.ForEach(c => c());
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private static string Id(int n)
    {
        var first17 = "611026" + new DateOnly(1950, 1, 1).AddDays(n).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + "001";
        return first17 + ResidentIdNumber.ComputeCheckDigit(first17);
    }

    private static System.Text.Json.Nodes.JsonObject Registration(string id) => new()
    {
        ["region"] = "zhashui", ["benefitYear"] = 2024, ["action"] = "enroll", ["paidOn"] = "2023-10-10",
        ["person"] = new System.Text.Json.Nodes.JsonObject { ["idNumber"] = id, ["name"] = "居民", ["birthDate"] = $"{id[6..10]}-{id[10..12]}-{id[12..14]}", ["identities"] = new System.Text.Json.Nodes.JsonArray() },
    };

    private ServiceProvider Compose(string database, Action<IServiceCollection> bus) =>
        Compose(o => o.ConnectionString = $"Data Source={database}", bus);

    private static ServiceProvider Compose(Action<PersistenceOptions> store, Action<IServiceCollection> bus)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddResidentInsurancePersistence(store);
        services.AddResidentInsurancePolicy();
        services.AddResidentInsuranceEngine(o => { o.RunBackgroundServices = false; o.WorkflowsDirectory = Workflows; });
        bus(services);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task A_notice_on_the_bus_resumes_the_enrollment_once_and_the_entitlement_goes_out_as_a_message()
    {
        await using var provider = Compose(Path.Combine(_folder.FullName, "harness.db"), s =>
        {
            s.AddResidentInsuranceOutboxSink();
            s.AddMassTransitTestHarness(x => x.AddResidentInsuranceConsumers());
        });
        Assert.Empty((await provider.GetRequiredService<WorkflowDirectoryLoader>().LoadAsync(Workflows)).Failed);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var runtime = provider.GetRequiredService<WorkflowRuntime>();
        var store = provider.GetRequiredService<IInstanceStore>();
        var (known, unknown) = (Id(1), Id(2));
        var started = await runtime.StartAsync(new StartWorkflowRequest("zhashui-enrollment") { Input = Registration(known), CorrelationId = $"{known}/2024" });

        var notice = new PaymentNoticeReceived("zhashui", known, 2024, 38000, "2023-10-10", "12366", "TX-1");
        await harness.Bus.Publish(notice);
        await harness.Bus.Publish(notice);
        await harness.Bus.Publish(new PaymentNoticeReceived("zhashui", unknown, 2024, 38000, "2023-10-10", "12366", "TX-2"));
        Assert.True(await harness.Published.Any<PaymentNoticeReceived>());
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(30)
            && ((await store.FindInstanceAsync(started.Instance.Id))!.Status != WorkflowStatus.Finished || (await store.ListPendingStimuliAsync("zhashui")).Count == 0))
        {
            await Task.Delay(100);
        }

        Assert.Equal(WorkflowStatus.Finished, (await store.FindInstanceAsync(started.Instance.Id))!.Status);
        Assert.Single(await store.ListRecordsAsync(new RecordQuery("zhashui", "entitlement.recorded")));
        Assert.Equal(unknown + "/2024", Assert.Single(await store.ListPendingStimuliAsync("zhashui")).CorrelationKey);

        Assert.True(await provider.GetRequiredService<OutboxDispatcher>().DispatchOnceAsync(CancellationToken.None) > 0);
        Assert.True(await harness.Published.Any<WorkflowEventPublished>(m => m.Context.Message.EventName == "entitlement.recorded" && m.Context.Message.CorrelationKey == $"{known}/2024"));
        Assert.Empty(await store.ListOutboxAsync(100));

        // A refund before the benefit period (003 五(四)) goes out as RefundPaid too.
        var refund = Registration(known);
        refund["action"] = "refund";
        refund["requestedOn"] = "2023-12-01";
        refund["refundReason"] = "death";
        var refunding = await runtime.StartAsync(new StartWorkflowRequest("zhashui-refund") { Input = refund });
        foreach (var (department, outcome) in new[] { ("medical_insurance_agency", "审核通过"), ("tax", "已退费") })
        {
            var task = (await store.ListBookmarksAsync(refunding.Instance.Id)).Single(b => b.Name == "ResidentInsurance.DepartmentTask");
            Assert.Equal(department, task.Payload!["department"]!.GetValue<string>());
            await runtime.ResumeAsync(ResumeRequest.ForBookmark(task.Id, "refund-" + department, new System.Text.Json.Nodes.JsonObject { ["outcome"] = outcome }));
        }

        Assert.True(await provider.GetRequiredService<OutboxDispatcher>().DispatchOnceAsync(CancellationToken.None) > 0);
        Assert.True(await harness.Published.Any<RefundPaid>(m => m.Context.Message.CorrelationKey == $"{known}/2024" && m.Context.Message.AmountFen == 38000 && m.Context.Message.PaidBy == "tax"));
        await harness.Stop();
    }

    /// <summary>
    /// The hosts share one PostgreSQL database where CI provides one (RI_TEST_POSTGRES, as in production), else
    /// one SQLite file. The database is the test's own and is dropped afterwards.
    /// </summary>
    private Action<PersistenceOptions> SharedStore()
    {
        if (Environment.GetEnvironmentVariable("RI_TEST_POSTGRES") is not { } baseline)
        {
            var file = Path.Combine(_folder.FullName, "shared.db");
            return o => o.ConnectionString = $"Data Source={file}";
        }

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(baseline) { Database = "ri_bus_" + Guid.NewGuid().ToString("N")[..12] };
        using (var admin = new Npgsql.NpgsqlConnection(baseline))
        {
            admin.Open();
            using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{builder.Database}\"";
            create.ExecuteNonQuery();
        }

        _cleanup.Add(() =>
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            using var admin = new Npgsql.NpgsqlConnection(baseline);
            admin.Open();
            using var drop = admin.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS \"{builder.Database}\" WITH (FORCE)";
            drop.ExecuteNonQuery();
        });
        return o =>
        {
            o.Provider = StoreProvider.PostgreSql;
            o.ConnectionString = builder.ConnectionString;
        };
    }

    [RabbitMqFact]
    public async Task Two_hosts_on_one_RabbitMQ_queue_and_one_database_turn_200_notices_delivered_twice_into_200_entitlements()
    {
        var database = SharedStore();
        var uri = new Uri(RabbitMqFactAttribute.Uri!);
        var prefix = "ri-test-" + Guid.NewGuid().ToString("N")[..8];
        var userInfo = uri.UserInfo.Split(':');
        void Bus(IServiceCollection s) => s.AddResidentInsuranceBus(o =>
        {
            o.Transport = "RabbitMq";
            o.QueuePrefix = prefix;
            o.RabbitMq = new RabbitMqOptions { Host = uri.Host, Port = (ushort)(uri.Port > 0 ? uri.Port : 5672), Username = Uri.UnescapeDataString(userInfo[0]), Password = Uri.UnescapeDataString(userInfo.ElementAtOrDefault(1) ?? "guest") };
        });

        await using var first = Compose(database, Bus);
        await using var second = Compose(database, Bus);
        await first.GetRequiredService<IInstanceStore>().ListRecordsAsync(new RecordQuery("zhashui", Take: 1)); // the schema, before both hosts race for it
        Assert.Empty((await first.GetRequiredService<WorkflowDirectoryLoader>().LoadAsync(Workflows)).Failed);
        var runtime = first.GetRequiredService<WorkflowRuntime>();
        var ids = Enumerable.Range(100, 200).Select(Id).ToList();
        foreach (var id in ids)
        {
            await runtime.StartAsync(new StartWorkflowRequest("zhashui-enrollment") { Input = Registration(id), CorrelationId = $"{id}/2024" });
        }

        var buses = new[] { first.GetRequiredService<IBusControl>(), second.GetRequiredService<IBusControl>() };
        foreach (var bus in buses)
        {
            await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        }

        try
        {
            foreach (var id in ids)
            {
                var notice = new PaymentNoticeReceived("zhashui", id, 2024, 38000, "2023-10-10", "12366", "TX-" + id);
                await buses[0].Publish(notice);
                await buses[1].Publish(notice);
            }

            var store = first.GetRequiredService<IInstanceStore>();
            var watch = Stopwatch.StartNew();
            IReadOnlyList<WorkflowRecord> records = [];
            while (watch.Elapsed < TimeSpan.FromSeconds(120))
            {
                records = await store.ListRecordsAsync(new RecordQuery("zhashui", "entitlement.recorded", Take: 1000));
                if (records.Count >= ids.Count)
                {
                    break;
                }

                await Task.Delay(250);
            }

            await Task.Delay(1000); // late duplicates, if any, would arrive now
            records = await store.ListRecordsAsync(new RecordQuery("zhashui", "entitlement.recorded", Take: 1000));
            Assert.Equal(200, records.Count);
            Assert.Equal(200, records.Select(r => r.CorrelationKey).Distinct().Count());
            Assert.Empty(await store.ListInstancesAsync(new InstanceQuery("zhashui", "zhashui-enrollment", WorkflowStatus.Suspended)));
        }
        finally
        {
            foreach (var bus in buses)
            {
                await bus.StopAsync();
            }
        }
    }
}

/// <summary>A test against the real RabbitMQ that .ci/test starts (RI_TEST_RABBITMQ): skipped on a developer machine, failed in CI without it.</summary>
internal sealed class RabbitMqFactAttribute : FactAttribute
{
    public RabbitMqFactAttribute()
    {
        if (Uri is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "RI_TEST_RABBITMQ is not set (bash .ci/test starts RabbitMQ and sets it)";
        }
    }

    public static string? Uri => Environment.GetEnvironmentVariable("RI_TEST_RABBITMQ");
}
