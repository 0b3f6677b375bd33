using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ResidentInsurance.Engine;
using ResidentInsurance.Engine.Definitions;
using ResidentInsurance.Policy;
using ResidentInsurance.Simulation;

namespace ResidentInsurance.Cli.Bench;

/// <summary>
/// <c>bench simulate --region guizhou --cases N [--workers W]</c>: policy simulation throughput through the region's
/// published definitions, nothing persisted (the workflows loaded into memory, as <c>simulate</c> without a database).
/// The cases are the region's own case files (those without local assumptions), cycled to N; every answer is checked
/// against the case's expected result, so a fast wrong answer fails the run.
/// </summary>
internal static class SimulateBench
{
    public sealed record Report(string Region, int Cases, int Workers, int CaseFiles, TimeSpan Elapsed, double P50Ms, double P99Ms, long PeakWorkingSetBytes, int Wrong)
    {
        public double PerSecond => Cases / Elapsed.TotalSeconds;

        public bool Correct => Wrong == 0;
    }

    public static async Task<Report> RunAsync(string region, int count, int workers, string workflows, TextWriter progress)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddResidentInsurancePolicy();
        services.AddResidentInsuranceEngine(o =>
        {
            o.RunBackgroundServices = false;
            o.WorkflowsDirectory = workflows;
        });
        services.AddSingleton<PolicySimulator>();
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<WorkflowDirectoryLoader>().LoadAsync(workflows);
        var simulator = provider.GetRequiredService<PolicySimulator>();

        var files = new List<(JsonObject Case, JsonNode Expected)>();
        foreach (var path in CaseFiles.Of(workflows, region))
        {
            var document = JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject();
            if (document["assume"] is null && document["case"] is JsonObject c && document["expected"] is { } expected)
            {
                files.Add((CaseReader.Read(c.ToJsonString()).Cases[0], expected));
            }
        }

        if (files.Count == 0)
        {
            throw new ArgumentException($"--region: '{region}' has no case files to simulate (workflows/{region}/cases)");
        }

        // Warm-up: scripts prepared, engines pooled, definitions cached.
        foreach (var (c, _) in files)
        {
            await simulator.SimulateAsync(c);
        }

        var latencies = new double[count];
        var wrong = 0;
        var next = -1;
        var peak = Environment.WorkingSet;
        var clock = Stopwatch.StartNew();
        var reporter = Task.Run(async () =>
        {
            while (Volatile.Read(ref next) < count - 1)
            {
                await Task.Delay(1000);
                peak = Math.Max(peak, Environment.WorkingSet);
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {Math.Min(count, Volatile.Read(ref next) + 1):N0} / {count:N0} cases, {clock.Elapsed.TotalSeconds:F0} s"));
            }
        });
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var (c, expected) = files[i % files.Count];
                var started = Stopwatch.GetTimestamp();
                var result = await simulator.SimulateAsync(c);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (CaseFiles.Compare(expected, result).Count > 0)
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        })));
        clock.Stop();
        await reporter;
        peak = Math.Max(peak, Environment.WorkingSet);
        Array.Sort(latencies);
        return new Report(region, count, workers, files.Count, clock.Elapsed, latencies[(int)(count * 0.50)], latencies[Math.Min(count - 1, (int)(count * 0.99))], peak, wrong);
    }

    public static string Table(Report r) => string.Join('\n',
    [
        $"bench simulate — {r.Region}, {r.Cases:N0} cases from {r.CaseFiles} case files, {r.Workers} workers, {Environment.ProcessorCount} cores",
        $"  cases/s                {r.PerSecond.ToString("N0", CultureInfo.InvariantCulture)}",
        $"  latency p50 / p99      {r.P50Ms.ToString("F3", CultureInfo.InvariantCulture)} / {r.P99Ms.ToString("F3", CultureInfo.InvariantCulture)} ms",
        $"  elapsed                {r.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s",
        $"  peak working set       {r.PeakWorkingSetBytes / (1024 * 1024)} MiB",
        $"  answers not expected   {r.Wrong} {(r.Correct ? "(correct)" : "(WRONG)")}",
    ]);
}
