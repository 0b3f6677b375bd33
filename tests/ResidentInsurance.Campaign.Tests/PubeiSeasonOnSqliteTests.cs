using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ResidentInsurance.Engine.Definitions;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Persistence;

namespace ResidentInsurance.Campaign.Tests;

/// <summary>
/// A synthetic Pubei season on a real SQLite file, read back by the campaign service the dashboard uses: five
/// towns with small task numbers complete on either side of each of 001 八(四)'s funding deadlines (2019-12-31
/// 1.2 yuan, 2020-01-31 1.1, 2020-02-29 1.0, 2020-06-30 0.5, later nothing; the bureau 0.3 per enrolled person).
/// A payment recorded twice and a refunded one leave the counts and the dates as they were.
/// </summary>
public sealed class PubeiSeasonOnSqliteTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ri-pubei-season-");
    private static readonly string Workflows = PlatformHome.FindWorkflows(null, AppContext.BaseDirectory)!;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    /// <summary>Pubei's shipped parameters with five of its towns given a task number of 2 (the rest kept, unpaid).</summary>
    private sealed class SmallTasks : IPolicyResources
    {
        public static readonly string[] Towns = ["泉水镇", "石埭镇", "安石镇", "张黄镇", "大成镇"];

        public ValueTask<string?> GetScriptAsync(string tenantId, string name, CancellationToken ct = default) => ValueTask.FromResult<string?>(null);

        public ValueTask<string?> GetParametersAsync(string tenantId, CancellationToken ct = default)
        {
            var parameters = JsonNode.Parse(File.ReadAllText(Path.Combine(Workflows, "regions", "pubei.json")))!;
            foreach (var town in parameters["years"]!["2020"]!["campaign"]!["towns"]!.AsArray().Where(t => Towns.Contains(t!["name"]!.GetValue<string>())))
            {
                town!["taskNumber"] = 2;
            }

            return ValueTask.FromResult<string?>(parameters.ToJsonString());
        }
    }

    private static long _person;

    private static WorkflowRecord Paid(string town, string paidOn, out string key)
    {
        key = $"P{Interlocked.Increment(ref _person)}/2020";
        return new WorkflowRecord(0, "pubei", "entitlement.recorded", key, "i-" + key, new JsonObject
        {
            ["town"] = town, ["village"] = town[..^1] + "村", ["identities"] = new JsonArray(),
            ["payment"] = new JsonObject { ["amountFen"] = 25000, ["paidOn"] = paidOn },
        }, DateTimeOffset.Parse(paidOn + "T02:00:00Z", CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Each_towns_completion_date_rate_and_work_funding_and_the_bureaus_share_come_to_the_fen()
    {
        var services = new ServiceCollection();
        services.AddResidentInsurancePersistence(o => o.ConnectionString = $"Data Source={Path.Combine(_folder.FullName, "season.db")}");
        services.AddSingleton<IPolicyResources, SmallTasks>();
        services.AddSingleton<CampaignService>();
        await using var provider = services.BuildServiceProvider();

        var records = new List<WorkflowRecord>
        {
            // 泉水镇: second payment 2019-12-31 — on the first deadline: 1.2 yuan; a third one after it still counts.
            Paid("泉水镇", "2019-11-20", out _), Paid("泉水镇", "2019-12-31", out _), Paid("泉水镇", "2020-03-05", out _),
            // 石埭镇: 2020-01-01, the day after: 1.1 yuan. Its first payment is recorded twice.
            Paid("石埭镇", "2019-12-01", out _), Paid("石埭镇", "2020-01-01", out _),
            // 安石镇: 2020-02-29 — the leap day deadline: 1.0 yuan.
            Paid("安石镇", "2020-02-10", out _), Paid("安石镇", "2020-02-29", out _),
            // 张黄镇: 2020-07-01 — after the last deadline: nothing.
            Paid("张黄镇", "2020-05-01", out _), Paid("张黄镇", "2020-07-01", out _),
            // 大成镇: reached 2 on 2020-06-30 but one of the two was refunded: it completed only with a third, on 2020-06-30 too → 0.5 yuan.
            Paid("大成镇", "2020-06-01", out var refunded), Paid("大成镇", "2020-06-30", out _), Paid("大成镇", "2020-06-30", out _),
        };
        records.Add(records[3] with { InstanceId = "duplicate", RecordedAt = records[3].RecordedAt.AddHours(3) });
        records.Add(new WorkflowRecord(0, "pubei", "enrollment.ended", refunded, "refund", [], DateTimeOffset.Parse("2020-08-01T02:00:00Z", CultureInfo.InvariantCulture)));
        await provider.GetRequiredService<RecordImporter>().ImportAsync(records, batchSize: 4);
        Assert.Equal("石埭镇", records[3].Payload["town"]!.GetValue<string>());

        var campaigns = provider.GetRequiredService<CampaignService>();
        var settled = (await campaigns.ProgressAsync("pubei", 2020, new DateOnly(2020, 12, 31)))!;
        var towns = settled.Towns.Where(t => SmallTasks.Towns.Contains(t.Name)).ToDictionary(t => t.Name);

        Assert.Equal((new DateOnly(2019, 12, 31), 3, 15000, 120, 360L), Figures(towns["泉水镇"]));
        Assert.Equal((new DateOnly(2020, 1, 1), 2, 10000, 110, 220L), Figures(towns["石埭镇"]));
        Assert.Equal((new DateOnly(2020, 2, 29), 2, 10000, 100, 200L), Figures(towns["安石镇"]));
        Assert.Equal((new DateOnly(2020, 7, 1), 2, 10000, 0, 0L), Figures(towns["张黄镇"]));
        Assert.Equal((new DateOnly(2020, 6, 30), 2, 10000, 50, 100L), Figures(towns["大成镇"]));
        Assert.Equal(11, settled.Enrolled); // 12 paid, one recorded twice, one refunded
        Assert.Equal(360L + 220 + 200 + 0 + 100, settled.TownFundingFen);
        Assert.Equal(11 * 30L, settled.BureauFundingFen);

        // Asked before the refund, 大成镇 had completed on its second payment; asked in January, 泉水镇 had, 石埭镇 too.
        Assert.Equal(3, (await campaigns.ProgressAsync("pubei", 2020, new DateOnly(2020, 7, 15)))!.Towns.Single(t => t.Name == "大成镇").Enrolled);
        var january = (await campaigns.ProgressAsync("pubei", 2020, new DateOnly(2020, 1, 31)))!;
        Assert.Equal([("泉水镇", 2), ("石埭镇", 2)], january.Towns.Where(t => t.CompletedOn is not null).Select(t => (t.Name, t.Enrolled)));
    }

    private static (DateOnly, int, int, int, long) Figures(TownProgress t) => (t.CompletedOn!.Value, t.Enrolled, t.RateBp, t.FundingFenPerPerson, t.FundingFen);
}
