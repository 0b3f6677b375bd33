using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ResidentInsurance.Campaign;
using ResidentInsurance.Engine.Definitions;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Persistence;
using ResidentInsurance.Policy.Identity;

namespace ResidentInsurance.Cli.Bench;

/// <summary>
/// <c>bench campaign --region pubei --people N [--db file]</c>: the dashboard and the 通报 against a season of N
/// enrolled in Pubei's 17 towns. The store is filled with the records the enrollment workflow writes
/// (entitlement.recorded with town, village, identities and paid-on; 1% of payments recorded twice; 0.5% refunded
/// by enrollment.ended; 建档立卡 lists from identity.flags-updated) through <see cref="RecordImporter"/> — not by
/// running N workflows, which is the season bench's job. Then the campaign service reads them cold once and answers
/// the dashboard's questions on dates across the season; the figures are timed per question (p50 / p95), and the
/// numbers are checked against what the generator knows it wrote.
/// </summary>
internal static class CampaignBench
{
    public sealed record Report(
        int People, int Records, double ImportSeconds, double ColdSeconds, double ProgressP50Ms, double ProgressP95Ms, double WeeklyP50Ms, double WeeklyP95Ms,
        double WorklistP95Ms, long PeakWorkingSetBytes, long DatabaseBytes, int Enrolled, int ExpectedEnrolled, int NotEnrolledListed, int ExpectedNotEnrolledListed,
        long TownFundingFen, long ExpectedTownFundingFen)
    {
        public bool Correct => Enrolled == ExpectedEnrolled && NotEnrolledListed == ExpectedNotEnrolledListed && TownFundingFen == ExpectedTownFundingFen;
    }

    private static readonly DateOnly SeasonStart = new(2019, 9, 1);
    private static readonly DateOnly SettleOn = new(2020, 12, 31);

    public static async Task<Report> RunAsync(int people, string database, string workflows, int questions, TextWriter progress, CancellationToken ct = default)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddResidentInsurancePersistence(o => o.ConnectionString = $"Data Source={database}");
        services.AddSingleton<IPolicyResources>(new DirectoryPolicyResources(workflows));
        services.AddSingleton<CampaignService>();
        await using var provider = services.BuildServiceProvider();

        var parameters = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(workflows, "regions", "pubei.json"), ct))!.AsObject();
        var plan = CampaignPlan.From("pubei", 2020, parameters) ?? throw new InvalidOperationException("pubei has no 2020 campaign");
        var season = Generate(plan, people);

        var watch = Stopwatch.StartNew();
        var importer = provider.GetRequiredService<RecordImporter>();
        var reported = 0;
        await importer.ImportAsync(season.Records, 10_000, new Progress<int>(n =>
        {
            if (n - reported >= Math.Max(10_000, season.Records.Count / 20) || n == season.Records.Count)
            {
                reported = n;
                progress.Write($"\rimport {Bar(n, season.Records.Count)} {n:N0}/{season.Records.Count:N0} records");
            }
        }), ct);
        progress.WriteLine();
        var importSeconds = watch.Elapsed.TotalSeconds;

        var campaigns = provider.GetRequiredService<CampaignService>();
        watch.Restart();
        var settled = (await campaigns.ProgressAsync("pubei", 2020, SettleOn, ct))!;
        await campaigns.WorklistAsync("pubei", 2020, SettleOn, null, ct); // the lists and the key index, folded once too
        var coldSeconds = watch.Elapsed.TotalSeconds;

        // The dashboard's questions: progress, the 通报 and the worklist on dates across the season.
        var progressMs = new List<double>();
        var weeklyMs = new List<double>();
        var worklistMs = new List<double>();
        var peak = Environment.WorkingSet;
        for (var i = 0; i < questions; i++)
        {
            var date = SeasonStart.AddDays(i * 300 / Math.Max(1, questions - 1));
            watch.Restart();
            await campaigns.ProgressAsync("pubei", 2020, date, ct);
            progressMs.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            await campaigns.WeeklyAsync("pubei", 2020, date, date, ct);
            weeklyMs.Add(watch.Elapsed.TotalMilliseconds);
            if (i % 5 == 0)
            {
                watch.Restart();
                await campaigns.WorklistAsync("pubei", 2020, date, null, ct);
                worklistMs.Add(watch.Elapsed.TotalMilliseconds);
            }

            peak = Math.Max(peak, Environment.WorkingSet);
            progress.Write($"\rquestions {Bar(i + 1, questions)} {i + 1}/{questions}");
        }

        progress.WriteLine();
        var worklist = (await campaigns.WorklistAsync("pubei", 2020, SettleOn, null, ct))!.Value;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var size = new FileInfo(database).Length + (File.Exists(database + "-wal") ? new FileInfo(database + "-wal").Length : 0);
        return new Report(season.People, season.Records.Count, importSeconds, coldSeconds, Percentile(progressMs, 50), Percentile(progressMs, 95), Percentile(weeklyMs, 50), Percentile(weeklyMs, 95),
            Percentile(worklistMs, 95), peak, size, settled.Enrolled, season.ExpectedEnrolled, worklist.NotEnrolled.Count, season.ExpectedListedNotEnrolled,
            settled.TownFundingFen, season.ExpectedTownFundingFen(plan));
    }

    public static string Table(Report r) => string.Join(Environment.NewLine,
    [
        $"campaign bench — Pubei 2020, {r.People:N0} residents paid in 17 towns ({r.Records:N0} records)",
        $"  import of the records          {r.ImportSeconds,10:F1} s",
        $"  first answer (cold read)       {r.ColdSeconds,10:F1} s",
        $"  dashboard progress p50 / p95   {r.ProgressP50Ms,10:F1} / {r.ProgressP95Ms:F1} ms",
        $"  通报 (weekly) p50 / p95         {r.WeeklyP50Ms,10:F1} / {r.WeeklyP95Ms:F1} ms",
        $"  worklist p95                   {r.WorklistP95Ms,10:F1} ms",
        $"  peak working set               {r.PeakWorkingSetBytes / 1048576.0,10:F0} MiB",
        $"  database size                  {r.DatabaseBytes / 1048576.0,10:F0} MiB",
        $"  enrolled on 2020-12-31         {r.Enrolled,10:N0} (expected {r.ExpectedEnrolled:N0})",
        $"  建档立卡 not enrolled           {r.NotEnrolledListed,10:N0} (expected {r.ExpectedNotEnrolledListed:N0})",
        $"  town work funding              {r.TownFundingFen / 100m,10:N2} yuan (expected {r.ExpectedTownFundingFen / 100m:N2})",
        $"  correct                        {(r.Correct ? "yes" : "NO"),10}",
    ]);

    private sealed record Season(List<WorkflowRecord> Records, int People, int ExpectedEnrolled, int ExpectedListedNotEnrolled, Dictionary<string, List<DateOnly>> StandingByTown)
    {
        /// <summary>001 八(四) computed here from what was generated: the day a town's standing enrollments reached its task, the rate for it.</summary>
        public long ExpectedTownFundingFen(CampaignPlan plan) => plan.Towns.Sum(t =>
        {
            var days = StandingByTown.GetValueOrDefault(t.Name) ?? [];
            days.Sort();
            DateOnly? completed = days.Count >= t.TaskNumber && t.TaskNumber > 0 ? days[t.TaskNumber - 1] : null;
            var fen = completed is null ? 0 : plan.Funding!.TownSchedule.FirstOrDefault(s => completed <= s.CompletedBy)?.FenPerPerson ?? plan.Funding.LaterFenPerPerson;
            return (long)fen * days.Count;
        });
    }

    /// <summary>
    /// About N people (3% over each town's share of N) spread over the towns by their task numbers; paid-on dates mostly in December, some towns late
    /// (so completion dates fall on either side of the funding deadlines); 1 in 10 on the 建档立卡 list, with 2% of
    /// the list never enrolling; 1% of payments recorded twice, 0.5% refunded.
    /// </summary>
    private static Season Generate(CampaignPlan plan, int people)
    {
        var random = new Random(2020);
        var records = new List<WorkflowRecord>(people + people / 50 + 64);
        var standing = new Dictionary<string, List<DateOnly>>(StringComparer.Ordinal);
        var listed = new List<JsonNode>();
        var listedNotEnrolled = 0;
        var enrolled = 0;
        var total = plan.TotalTaskNumber;
        var person = 0;
        for (var t = 0; t < plan.Towns.Count; t++)
        {
            var town = plan.Towns[t];
            var share = (int)(people * 1.03 * town.TaskNumber / total); // 3% over the task: towns that pay in time complete it
            var lateness = t % 4; // 0: by December, 1: January, 2: February, 3: June
            for (var k = 0; k < share; k++, person++)
            {
                var id = IdNumber(person);
                var paidOn = PaidOn(random, lateness);
                var village = $"{town.Name[..^1]}{k % 12 + 1}村";
                var poverty = person % 10 == 0;
                var payload = new JsonObject
                {
                    ["region"] = "pubei", ["benefitYear"] = 2020, ["name"] = "居民" + person.ToString(CultureInfo.InvariantCulture), ["town"] = town.Name, ["village"] = village,
                    ["identities"] = poverty ? new JsonArray("poverty_registered") : new JsonArray(),
                    ["payment"] = new JsonObject { ["amountFen"] = poverty ? 0 : 25000, ["paidOn"] = paidOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
                };
                var at = new DateTimeOffset(paidOn.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero);
                records.Add(new WorkflowRecord(0, "pubei", "entitlement.recorded", $"{id}/2020", "bench-" + person, payload, at));
                if (person % 100 == 7)
                {
                    records.Add(new WorkflowRecord(0, "pubei", "entitlement.recorded", $"{id}/2020", "bench-dup-" + person, (JsonObject)payload.DeepClone(), at.AddHours(1)));
                }

                if (poverty)
                {
                    listed.Add(ListRow(listed.Count + 1, id, town.Name, village));
                }

                if (person % 200 == 3)
                {
                    records.Add(new WorkflowRecord(0, "pubei", "enrollment.ended", $"{id}/2020", "bench-refund-" + person, [], at.AddDays(20)));
                    if (poverty)
                    {
                        listedNotEnrolled++;
                    }

                    continue;
                }

                enrolled++;
                (standing.TryGetValue(town.Name, out var days) ? days : standing[town.Name] = []).Add(paidOn);
            }

            // 2% more of the town's 建档立卡 list never enroll: the worklist.
            for (var k = 0; k < Math.Max(1, share / 500); k++)
            {
                listed.Add(ListRow(listed.Count + 1, IdNumber(10_000_000 + t * 100_000 + k), town.Name, $"{town.Name[..^1]}{k % 12 + 1}村"));
                listedNotEnrolled++;
            }
        }

        records.Add(new WorkflowRecord(0, "pubei", "identity.flags-updated", "rural_revitalization/2020/bench", "bench-flags", new JsonObject
        {
            ["region"] = "pubei", ["benefitYear"] = 2020, ["department"] = "rural_revitalization", ["rows"] = new JsonArray([.. listed]), ["flagged"] = null,
        }, new DateTimeOffset(2019, 8, 31, 2, 0, 0, TimeSpan.Zero)));
        return new Season(records, person, enrolled, listedNotEnrolled, standing);
    }

    private static JsonObject ListRow(int index, string id, string town, string village) => new()
    {
        ["index"] = index, ["idNumber"] = id, ["name"] = "建档立卡" + index.ToString(CultureInfo.InvariantCulture), ["identity"] = "poverty_registered", ["change"] = "add",
        ["recognizedOn"] = "2019-06-30", ["valid"] = true, ["effectiveYear"] = 2020, ["town"] = town, ["village"] = village,
    };

    private static DateOnly PaidOn(Random random, int lateness)
    {
        // Most pay in the last weeks of the collection period; late towns finish in January, February or June.
        var end = lateness switch { 0 => new DateOnly(2019, 12, 28), 1 => new DateOnly(2020, 1, 25), 2 => new DateOnly(2020, 2, 25), _ => new DateOnly(2020, 6, 20) };
        var span = end.DayNumber - SeasonStart.DayNumber;
        var skew = Math.Sqrt(random.NextDouble()); // more towards the end
        return DateOnly.FromDayNumber(SeasonStart.DayNumber + (int)(skew * span));
    }

    private static string IdNumber(int n)
    {
        var first17 = "450722" + new DateOnly(1940, 1, 1).AddDays(n % 25_000).ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (n / 25_000 % 1000).ToString("000", CultureInfo.InvariantCulture);
        return first17 + ResidentIdNumber.ComputeCheckDigit(first17);
    }

    private static double Percentile(List<double> values, int p)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];
    }

    private static string Bar(int done, int total)
    {
        var filled = total == 0 ? 20 : done * 20 / total;
        return "[" + new string('#', filled) + new string('.', 20 - filled) + "]";
    }
}
