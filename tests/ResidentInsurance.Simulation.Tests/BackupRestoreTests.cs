using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ResidentInsurance.Cli;
using ResidentInsurance.Engine;
using ResidentInsurance.Engine.Definitions;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Persistence;
using ResidentInsurance.Policy;
using ResidentInsurance.Policy.Identity;

namespace ResidentInsurance.Simulation.Tests;

/// <summary>
/// An online backup taken while notices stream in: a platform started on the copy resumes the enrollments that
/// were waiting in it, and ends with exactly the entitlements the original has for them.
/// </summary>
public sealed class BackupRestoreTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ri-backup-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private static string Id(int n)
    {
        var first17 = "611026" + new DateOnly(1960, 1, 1).AddDays(n * 37).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + (n % 1000).ToString("000", System.Globalization.CultureInfo.InvariantCulture);
        return first17 + ResidentIdNumber.ComputeCheckDigit(first17);
    }

    private static ServiceProvider Platform(string database)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddResidentInsurancePersistence(o => o.ConnectionString = $"Data Source={database}");
        services.AddResidentInsurancePolicy();
        services.AddResidentInsuranceEngine(o => { o.RunBackgroundServices = false; o.WorkflowsDirectory = PolicyCaseFiles.Workflows; });
        return services.BuildServiceProvider();
    }

    private static ResumeRequest Notice(string id) =>
        ResumeRequest.ForEvent("zhashui", "tax.payment-notice", $"{id}/2024", "TX-" + id, new JsonObject { ["amountFen"] = 38000, ["paidOn"] = "2023-10-10", ["transactionId"] = "TX-" + id });

    private static async Task<Dictionary<string, long?>> EntitlementsAsync(IInstanceStore store) =>
        (await store.ListRecordsAsync(new RecordQuery("zhashui", "entitlement.recorded", Take: 10_000)))
            .ToDictionary(r => r.CorrelationKey!, r => r.Payload["payment"]?["amountFen"]?.GetValue<long>());

    [Fact]
    public async Task A_backup_taken_mid_season_restores_into_a_platform_that_finishes_what_was_waiting_as_the_original_does()
    {
        var original = Path.Combine(_folder.FullName, "store.db");
        var copy = Path.Combine(_folder.FullName, "copy.db");
        var people = Enumerable.Range(1, 60).Select(Id).ToList();
        await using var live = Platform(original);
        Assert.Empty((await live.GetRequiredService<WorkflowDirectoryLoader>().LoadAsync(PolicyCaseFiles.Workflows)).Failed);
        var runtime = live.GetRequiredService<WorkflowRuntime>();
        foreach (var id in people)
        {
            await runtime.StartAsync(new StartWorkflowRequest("zhashui-enrollment")
            {
                Input = new JsonObject
                {
                    ["region"] = "zhashui", ["benefitYear"] = 2024, ["action"] = "enroll", ["paidOn"] = "2023-10-10",
                    ["person"] = new JsonObject { ["idNumber"] = id, ["name"] = "居民", ["birthDate"] = $"{id[6..10]}-{id[10..12]}-{id[12..14]}", ["identities"] = new JsonArray() },
                },
                CorrelationId = $"{id}/2024",
            });
        }

        // Notices stream in while the backup is taken (the CLI command, as an operator runs it).
        var streaming = Task.Run(async () =>
        {
            foreach (var id in people.Take(40))
            {
                await runtime.ResumeAsync(Notice(id));
            }
        });
        var stdout = new StringWriter();
        Assert.Equal(CliApp.Ok, await CliApp.RunAsync(["backup", "--to", copy, "--database", original], new StringReader(""), stdout, new StringWriter(), new PlatformOptions(PolicyCaseFiles.Workflows, original)));
        await streaming;
        Assert.Contains("integrity ok", stdout.ToString());

        // The copy is a moment of the season: some of the first 40 were paid in it, the rest wait there.
        await using var restored = Platform(copy);
        var restoredStore = restored.GetRequiredService<IInstanceStore>();
        var paidInCopy = await EntitlementsAsync(restoredStore);
        var waiting = await restoredStore.ListInstancesAsync(new InstanceQuery("zhashui", "zhashui-enrollment", WorkflowStatus.Suspended));
        Assert.Equal(people.Count, paidInCopy.Count + waiting.Count);
        Assert.True(waiting.Count >= 20);

        // Every notice (again, to both): the copy resumes what waited in it; both end alike.
        var restoredRuntime = restored.GetRequiredService<WorkflowRuntime>();
        foreach (var id in people)
        {
            await runtime.ResumeAsync(Notice(id));
            await restoredRuntime.ResumeAsync(Notice(id));
        }

        var final = await EntitlementsAsync(live.GetRequiredService<IInstanceStore>());
        Assert.Equal(people.Count, final.Count);
        Assert.Equal(final.OrderBy(e => e.Key), (await EntitlementsAsync(restoredStore)).OrderBy(e => e.Key));
        Assert.Empty(await restoredStore.ListInstancesAsync(new InstanceQuery("zhashui", "zhashui-enrollment", WorkflowStatus.Suspended)));

        // A backup never overwrites, and a missing store is named.
        var stderr = new StringWriter();
        Assert.Equal(CliApp.BadInput, await CliApp.RunAsync(["backup", "--to", copy, "--database", original], new StringReader(""), new StringWriter(), stderr, new PlatformOptions(PolicyCaseFiles.Workflows, original)));
        Assert.Contains("exists", stderr.ToString());
        Assert.Equal(CliApp.BadInput, await CliApp.RunAsync(["backup", "--to", copy + "2", "--database", "/nonexistent/store.db"], new StringReader(""), new StringWriter(), stderr, new PlatformOptions(PolicyCaseFiles.Workflows, original)));
        Assert.Contains("no database at /nonexistent/store.db", stderr.ToString());
    }
}
