using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using ResidentInsurance.Policy.Identity;

namespace ResidentInsurance.Cli.Bench;

/// <summary>
/// <c>bench inbox [--tasks K] [--season-workers W] [--warmup M]</c>: the built host as a real process on a fresh SQLite
/// file, a Zhashui season running against it over HTTP in the background (registrations and the tax feed's batches),
/// and in the foreground M + K monthly 民政 rosters: the agency completes its flagging task over HTTP, and the clock
/// runs until the next task (民政's roster confirmation) is visible in the inbox. The first M are the host's warm-up
/// (its JIT compiles the paths they take) and are not counted; prints p50 / p95 / p99 of the K after them.
/// </summary>
internal static class InboxBench
{
    /// <summary>
    /// P50Ms … MaxMs: completion → next task listed. Its two parts: the completion request (claim, resume, release,
    /// audit) and one inbox list request, each at p50 / p99 over the counted tasks.
    /// </summary>
    public sealed record Report(int Tasks, int WarmupTasks, int SeasonEnrolled, double P50Ms, double P95Ms, double P99Ms, double MaxMs, int Missing,
        double CompleteP50Ms = 0, double CompleteP99Ms = 0, double ListP50Ms = 0, double ListP99Ms = 0)
    {
        public bool Correct => Missing == 0;
    }

    public static string? FindHost(string workflows)
    {
        var root = Path.GetDirectoryName(Path.GetFullPath(workflows.TrimEnd('/', '\\')))!;
        return new[] { "Release", "Debug" }.Select(c => Path.Combine(root, "src", "ResidentInsurance.Host", "bin", c, "net10.0", "ResidentInsurance.Host.dll")).FirstOrDefault(File.Exists);
    }

    public static async Task<Report> RunAsync(string hostDll, string workflows, int tasks, int seasonWorkers, TextWriter progress, int warmupTasks = 0)
    {
        var folder = Directory.CreateTempSubdirectory("ri-inbox-bench-");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [hostDll]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(hostDll)! };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ConnectionStrings__Workflows"] = $"Data Source={Path.Combine(folder.FullName, "inbox.db")}";
        start.Environment["Engine__WorkflowsDirectory"] = workflows;
        start.Environment["Access__PasswordIterations"] = "1000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var host = Process.Start(start)!;
        host.OutputDataReceived += (_, _) => { };
        host.ErrorDataReceived += (_, _) => { };
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();
        using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        admin.DefaultRequestHeaders.Add("X-Api-Key", "demo-admin-key");
        try
        {
            await WaitReadyAsync(admin, host);
            using var stop = new CancellationTokenSource();
            var enrolled = 0;
            var season = Enumerable.Range(0, seasonWorkers).Select(w => Task.Run(async () =>
            {
                using var feed = new HttpClient { BaseAddress = admin.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
                feed.DefaultRequestHeaders.Add("X-Api-Key", "demo-zhashui-tax-key");
                for (var n = w; !stop.IsCancellationRequested; n += seasonWorkers)
                {
                    var id = Id("1970-01-01", n);
                    (await admin.PostAsJsonAsync("/api/instances", new
                    {
                        definitionId = "zhashui-enrollment", correlationId = $"{id}/2024",
                        input = new { region = "zhashui", benefitYear = 2024, action = "enroll", paidOn = "2023-10-10", person = new { idNumber = id, name = "居民", birthDate = $"{id[6..10]}-{id[10..12]}-{id[12..14]}", identities = Array.Empty<object>() } },
                    })).EnsureSuccessStatusCode();
                    (await feed.PostAsJsonAsync("/api/tax/payment-notices", new { region = "zhashui", notices = new[] { new { idNumber = id, benefitYear = 2024, amountFen = 38000, paidOn = "2023-10-10", channel = "12366", transactionId = "TX-" + id } } })).EnsureSuccessStatusCode();
                    Interlocked.Increment(ref enrolled);
                }
            })).ToList();

            var latencies = new List<double>();
            var completions = new List<double>();
            var lists = new List<double>();
            var missing = 0;
            for (var k = 0; k < warmupTasks + tasks; k++)
            {
                var person = Id("1960-06-01", k);
                var started = JsonNode.Parse(await (await admin.PostAsJsonAsync("/api/instances", new
                {
                    definitionId = "zhashui-identity-change",
                    input = new { region = "zhashui", benefitYear = 2024, department = "civil_affairs", submittedOn = "2023-10-16", changes = new[] { new { idNumber = person, name = "低保对象", identity = "dibao", change = "add", recognizedOn = "2023-10-10" } } },
                })).Content.ReadAsStringAsync())!;
                var instanceId = started["instance"]!["id"]!.GetValue<string>();
                var flag = (await TasksAsync(admin)).First(t => t["instanceId"]?.GetValue<string>() == instanceId && t["department"]!.GetValue<string>() == "medical_insurance_agency");
                var watch = Stopwatch.StartNew();
                (await admin.PostAsJsonAsync($"/api/tasks/{flag["taskId"]}/complete", new { outcome = "已标识", rows = new[] { new { index = 1, decision = "accept" } } })).EnsureSuccessStatusCode();
                var completed = watch.Elapsed.TotalMilliseconds;
                var seen = false;
                while (watch.Elapsed < TimeSpan.FromSeconds(10) && !seen)
                {
                    var listing = Stopwatch.StartNew();
                    seen = (await TasksAsync(admin)).Any(t => t["instanceId"]?.GetValue<string>() == instanceId && t["department"]!.GetValue<string>() == "civil_affairs");
                    if (k >= warmupTasks)
                    {
                        lists.Add(listing.Elapsed.TotalMilliseconds);
                    }
                }

                if (k >= warmupTasks)
                {
                    completions.Add(completed);
                }

                if (!seen)
                {
                    missing++;
                }
                else if (k >= warmupTasks)
                {
                    latencies.Add(watch.Elapsed.TotalMilliseconds);
                }

                if ((k + 1) % Math.Max(1, (warmupTasks + tasks) / 10) == 0)
                {
                    await progress.WriteLineAsync($"  {k + 1}/{warmupTasks + tasks} tasks ({warmupTasks} of them warm-up), season {Volatile.Read(ref enrolled):N0} enrolled");
                }
            }

            await stop.CancelAsync();
            await Task.WhenAll(season.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
            static double P(List<double> values, double p)
            {
                values.Sort();
                return values.Count == 0 ? 0 : values[Math.Min(values.Count - 1, (int)Math.Ceiling(p * values.Count) - 1)];
            }

            return new Report(tasks, warmupTasks, enrolled, P(latencies, 0.50), P(latencies, 0.95), P(latencies, 0.99), P(latencies, 1.0), missing,
                P(completions, 0.50), P(completions, 0.99), P(lists, 0.50), P(lists, 0.99));
        }
        finally
        {
            if (!host.HasExited)
            {
                host.Kill(entireProcessTree: true);
                await host.WaitForExitAsync();
            }

            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // a file still held by the dying process stays in the temp folder
            }
        }
    }

    public static string Table(Report r) => string.Join('\n',
    [
        "| figure | value |",
        "|---|---|",
        $"| department tasks completed over HTTP (after {r.WarmupTasks:N0} not counted, the host's warm-up) | {r.Tasks:N0} |",
        $"| season enrolled meanwhile (registration + tax notice over HTTP) | {r.SeasonEnrolled:N0} |",
        string.Create(CultureInfo.InvariantCulture, $"| completion → next task in the inbox p50 / p95 / p99 / max | {r.P50Ms:F1} / {r.P95Ms:F1} / {r.P99Ms:F1} / {r.MaxMs:F1} ms |"),
        string.Create(CultureInfo.InvariantCulture, $"| of which the completion request p50 / p99 | {r.CompleteP50Ms:F1} / {r.CompleteP99Ms:F1} ms |"),
        string.Create(CultureInfo.InvariantCulture, $"| one inbox list request p50 / p99 | {r.ListP50Ms:F1} / {r.ListP99Ms:F1} ms |"),
        $"| next task not seen within 10 s | {r.Missing} |",
        $"| correct | {(r.Correct ? "yes" : "NO")} |",
    ]);

    private static async Task<List<JsonNode>> TasksAsync(HttpClient client) =>
        [.. JsonNode.Parse(await client.GetStringAsync("/api/tasks"))!["tasks"]!.AsArray().OfType<JsonNode>()];

    private static async Task WaitReadyAsync(HttpClient client, Process host)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (host.HasExited)
            {
                throw new InvalidOperationException($"the host exited with {host.ExitCode}");
            }

            try
            {
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("the host was not ready in 120 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Id(string birthDate, int n)
    {
        var first17 = "611026" + DateOnly.ParseExact(birthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(n % 20_000).ToString("yyyyMMdd", CultureInfo.InvariantCulture)
            + (n / 20_000).ToString("000", CultureInfo.InvariantCulture);
        return first17 + ResidentIdNumber.ComputeCheckDigit(first17);
    }
}
