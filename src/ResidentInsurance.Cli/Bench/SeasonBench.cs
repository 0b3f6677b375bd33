using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ResidentInsurance.Engine;
using ResidentInsurance.Engine.Activities;
using ResidentInsurance.Engine.Definitions;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Persistence;
using ResidentInsurance.Policy;

namespace ResidentInsurance.Cli.Bench;

/// <summary>
/// <c>bench season --region zhashui --people N [--db file] [--workers W]</c>: a county's enrollment season through
/// the published Zhashui enrollment on a fresh SQLite file (WAL, synchronous=FULL): registration → policy →
/// wait for payment → the tax feed's batches (1% re-delivered, shuffled) or the agency's proxy payment →
/// entitlement. Prints progress on stderr and the figures and correctness counts on stdout.
/// </summary>
internal static class SeasonBench
{
    public sealed record Report(
        int People, double Seconds, double InstancesPerSecond, double P50Ms, double P95Ms, double P99Ms, long PeakWorkingSetBytes, long DatabaseBytes,
        double CpuMsPerEnrollment, int Entitlements, int DuplicatesIgnored, long LedgerFen, long ExpectedLedgerFen, int Unfinished)
    {
        public bool Correct => Entitlements == People && LedgerFen == ExpectedLedgerFen && Unfinished == 0;
    }

    public static async Task<Report> RunAsync(int people, string database, string workflows, int workers, TextWriter progress, CancellationToken ct = default)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddResidentInsurancePersistence(o => o.ConnectionString = $"Data Source={database}");
        services.AddResidentInsurancePolicy();
        services.AddResidentInsuranceEngine(o => { o.RunBackgroundServices = false; o.WorkflowsDirectory = workflows; });
        await using var provider = services.BuildServiceProvider();
        var load = await provider.GetRequiredService<WorkflowDirectoryLoader>().LoadAsync(workflows, ct);
        if (load.Failed.Count > 0)
        {
            throw new InvalidOperationException("workflows/ did not load: " + string.Join("; ", load.Failed.Select(f => f.Path)));
        }

        var runtime = provider.GetRequiredService<WorkflowRuntime>();
        var store = provider.GetRequiredService<IInstanceStore>();
        var latencies = new ConcurrentBag<double>();
        var duplicates = 0;
        var done = 0;
        var clock = Stopwatch.StartNew();
        var cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        var (lastCount, lastSeconds) = (0, 0.0);

        // Registrations, each followed at once by its payment: the proxy payment task, or the tax notice
        // (delivered in shuffled batches, 1% of them twice). Residents are made when their turn comes, so the
        // working set is the engine's, not a list of 825,000 people held by the bench.
        var random = new Random(20231201);
        var order = Enumerable.Range(0, people).OrderBy(_ => random.Next()).ToArray();
        await Parallel.ForEachAsync(order, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = ct }, async (index, token) =>
        {
            var r = SyntheticResidents.Make(index);
            var started = await runtime.StartAsync(new StartWorkflowRequest("zhashui-enrollment") { Input = r.Registration(), CorrelationId = $"{r.IdNumber}/2024" }, token);
            var watch = Stopwatch.StartNew();
            if (r.Proxy)
            {
                var task = started.Bookmarks.Single(b => b.Name == DepartmentTaskNames.Bookmark);
                await runtime.ResumeAsync(ResumeRequest.ForBookmark(task.Id, "proxy:" + r.IdNumber, new JsonObject { ["outcome"] = "已代缴", ["completedBy"] = "bench" }), token);
            }
            else
            {
                var notice = ResumeRequest.ForEvent("zhashui", "tax.payment-notice", $"{r.IdNumber}/2024", "TX-" + r.IdNumber,
                    new JsonObject { ["amountFen"] = r.DueFen, ["paidOn"] = "2023-10-10", ["transactionId"] = "TX-" + r.IdNumber });
                await runtime.ResumeAsync(notice, token);
                if (r.Index % 100 == 7 && (await runtime.ResumeAsync(notice, token)).Outcome == ResumeOutcome.AlreadyHandled)
                {
                    Interlocked.Increment(ref duplicates);
                }
            }

            latencies.Add(watch.Elapsed.TotalMilliseconds);
            var n = Interlocked.Increment(ref done);
            if (n % Math.Max(1, people / 50) == 0 || n == people)
            {
                lock (progress)
                {
                    var width = 40;
                    var filled = (int)((long)n * width / people);
                    var seconds = clock.Elapsed.TotalSeconds;
                    var recent = (n - lastCount) / Math.Max(seconds - lastSeconds, 1e-3);
                    (lastCount, lastSeconds) = (n, seconds);
                    progress.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {n}/{people}  {n / seconds:F0}/s (now {recent:F0}/s) ");
                }
            }
        });
        clock.Stop();
        var peakWorkingSet = Process.GetCurrentProcess().PeakWorkingSet64; // the season's, before the checks below read the store
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart).TotalMilliseconds / people;
        progress.WriteLine();

        // The checks read the entitlements page by page: distinct residents and the ledger, nothing else kept.
        var entitled = new HashSet<string>(StringComparer.Ordinal);
        long ledger = 0;
        long after = 0;
        while (true)
        {
            var page = await store.ListRecordsAsync(new RecordQuery("zhashui", "entitlement.recorded", AfterSequence: after, Take: 10000), ct);
            foreach (var e in page)
            {
                entitled.Add(e.CorrelationKey ?? "");
                ledger += e.Payload["payment"]?["amountFen"]?.GetValue<long>() ?? 0;
            }

            if (page.Count < 10000)
            {
                break;
            }

            after = page[^1].Sequence;
        }

        var suspended = await store.ListInstancesAsync(new InstanceQuery("zhashui", "zhashui-enrollment", WorkflowStatus.Suspended, Take: 1), ct);
        var sorted = latencies.Order().ToList();
        double Percentile(double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
        var expectedLedger = Enumerable.Range(0, people).Select(SyntheticResidents.Make).Where(r => !r.Proxy).Sum(r => r.DueFen);
        return new Report(people, clock.Elapsed.TotalSeconds, people / clock.Elapsed.TotalSeconds, Percentile(0.50), Percentile(0.95), Percentile(0.99),
            peakWorkingSet, SizeOf(database), cpuMs, entitled.Count, duplicates, ledger, expectedLedger, suspended.Count);
    }

    private static long SizeOf(string database) =>
        new[] { database, database + "-wal", database + "-shm" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);

    public static string Table(Report r) => string.Join(Environment.NewLine,
    [
        "| figure | value |",
        "|---|---|",
        $"| people | {r.People:N0} |",
        $"| elapsed | {r.Seconds.ToString("F1", CultureInfo.InvariantCulture)} s |",
        $"| enrollments/s end-to-end (durable) | {r.InstancesPerSecond.ToString("F0", CultureInfo.InvariantCulture)} |",
        $"| payment → entitlement latency p50 / p95 / p99 | {r.P50Ms:F1} / {r.P95Ms:F1} / {r.P99Ms:F1} ms |",
        $"| CPU per enrollment (all threads) | {r.CpuMsPerEnrollment.ToString("F2", CultureInfo.InvariantCulture)} ms |",
        $"| peak working set (season) | {r.PeakWorkingSetBytes / 1048576.0:F0} MiB |",
        $"| database size | {r.DatabaseBytes / 1048576.0:F1} MiB |",
        $"| entitlements (expected {r.People:N0}) | {r.Entitlements:N0} |",
        $"| duplicate notices ignored | {r.DuplicatesIgnored:N0} |",
        $"| ledger (expected {r.ExpectedLedgerFen / 100.0:F2} yuan) | {r.LedgerFen / 100.0:F2} yuan |",
        $"| unfinished instances | {r.Unfinished:N0} |",
        $"| correct | {(r.Correct ? "yes" : "NO")} |",
    ]);
}
