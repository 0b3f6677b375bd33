using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using ResidentInsurance.Engine.Definitions;
using Xunit.Abstractions;

namespace ResidentInsurance.Host.Tests;

/// <summary>
/// The real host process on a SQLite file, killed with SIGKILL three times while a Zhashui season runs
/// (registrations, then the tax feed's batches with re-deliveries), restarted each time; the client retries
/// what it did not see answered. Afterwards: every resident registered once and finished once, one entitlement
/// each, every payment applied once, the ledger to the fen, nothing left waiting.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>CI runs 240 people and three kills; the larger run of docs/reliability.md sets RI_CRASH_PEOPLE (≤ 1,000,000) and RI_CRASH_KILLS.</summary>
    private static readonly int People = int.TryParse(Environment.GetEnvironmentVariable("RI_CRASH_PEOPLE"), out var people) && people is > 0 and <= 1_000_000 ? people : 240;
    private static readonly int Kills = int.TryParse(Environment.GetEnvironmentVariable("RI_CRASH_KILLS"), out var kills) && kills is >= 3 and <= 50 ? kills : 3;
    private const long StandardFen = 38000;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ri-crash-");
    private Process? _host;
    private int _port;

    private string Database => Path.Combine(_folder.FullName, "season.db");

    public void Dispose()
    {
        Kill();
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task StartHostAsync()
    {
        _port = FreePort();
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(typeof(Program).Assembly.Location)!,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{_port}";
        start.Environment["ConnectionStrings__Workflows"] = $"Data Source={Database}";
        start.Environment["Engine__WorkflowsDirectory"] = PlatformHome.FindWorkflows(null, AppContext.BaseDirectory)!;
        start.Environment["Access__PasswordIterations"] = "1000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        _host = Process.Start(start)!;
        _host.OutputDataReceived += (_, _) => { };
        _host.ErrorDataReceived += (_, _) => { };
        _host.BeginOutputReadLine();
        _host.BeginErrorReadLine();
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            try
            {
                if ((await probe.GetAsync($"http://127.0.0.1:{_port}/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            Assert.False(_host.HasExited, $"the host exited with {(_host.HasExited ? _host.ExitCode : 0)}");
            await Task.Delay(200);
        }

        Assert.Fail("the host did not become ready in 90 s");
    }

    private void Kill()
    {
        if (_host is { HasExited: false })
        {
            _host.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no flush
            _host.WaitForExit();
        }

        _host?.Dispose();
        _host = null;
    }

    private HttpClient Client(string apiKey)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}"), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    private static string Id(int n)
    {
        // A birth date among 20,000 days from 1940 and a sequence number: 20 million distinct people.
        var birth = new DateOnly(1940, 1, 1).AddDays(n % 20_000).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var first17 = "611026" + birth + (n / 20_000).ToString("000", System.Globalization.CultureInfo.InvariantCulture);
        return first17 + Policy.Identity.ResidentIdNumber.ComputeCheckDigit(first17);
    }

    [Fact]
    public async Task Killed_three_times_mid_season_nothing_is_lost_or_applied_twice()
    {
        var random = new Random(20231201);
        var operations = new List<Func<Task>>();
        var ids = Enumerable.Range(0, People).Select(Id).ToList();
        Assert.Equal(People, ids.Distinct().Count());
        foreach (var (id, n) in ids.Select((id, n) => (id, n)))
        {
            operations.Add(async () =>
            {
                using var admin = Client("demo-admin-key");
                var birth = $"{id[6..10]}-{id[10..12]}-{id[12..14]}";
                var response = await admin.PostAsJsonAsync("/api/instances", new
                {
                    definitionId = "zhashui-enrollment",
                    correlationId = $"{id}/2024",
                    input = new { region = "zhashui", benefitYear = 2024, action = "enroll", paidOn = "2023-10-10", town = n % 2 == 0 ? "营盘镇" : "曹坪镇", person = new { idNumber = id, name = "居民" + n, birthDate = birth, identities = Array.Empty<object>() } },
                });
                response.EnsureSuccessStatusCode();
            });
        }

        foreach (var batch in ids.Chunk(40))
        {
            operations.Add(async () =>
            {
                using var feed = Client("demo-zhashui-tax-key");
                var notices = batch.Select(id => (object)new { idNumber = id, benefitYear = 2024, amountFen = StandardFen, paidOn = "2023-10-10", channel = "12366", transactionId = "TX-" + id }).ToList();
                notices.Add(notices[0]); // a re-delivered notice inside the batch
                (await feed.PostAsJsonAsync("/api/tax/payment-notices", new { region = "zhashui", notices })).EnsureSuccessStatusCode();
            });
        }

        // One kill while residents register, the others while the tax feed's batches are applied.
        var kills = new SortedSet<int> { random.Next(5, People) };
        while (kills.Count < Math.Min(Kills, operations.Count - People))
        {
            kills.Add(random.Next(People, operations.Count));
        }

        output.WriteLine($"{operations.Count} operations; SIGKILL during operations {string.Join(", ", kills)}");
        await StartHostAsync();
        for (var i = 0; i < operations.Count; i++)
        {
            if (kills.Contains(i))
            {
                var inFlight = operations[i]();
                await Task.Delay(random.Next(0, 25));
                Kill();
                try
                {
                    await inFlight;
                }
                catch (HttpRequestException)
                {
                    // the answer was lost with the process
                }

                await StartHostAsync();
            }

            await operations[i](); // (re)do it: registration and payments are idempotent
        }

        // The tax department re-sends the whole season once more, as after an outage of its own.
        foreach (var batch in ids.Chunk(120))
        {
            using var feed = Client("demo-zhashui-tax-key");
            var again = await feed.PostAsJsonAsync("/api/tax/payment-notices", new { region = "zhashui", notices = batch.Select(id => new { idNumber = id, benefitYear = 2024, amountFen = StandardFen, paidOn = "2023-10-10", channel = "12366", transactionId = "TX-" + id }) });
            var answer = JsonNode.Parse(await again.Content.ReadAsStringAsync())!;
            Assert.Equal((0, batch.Length), (answer["applied"]!.GetValue<int>(), answer["duplicates"]!.GetValue<int>()));
        }

        Kill();
        SqliteConnection.ClearAllPools();
        using var db = new SqliteConnection($"Data Source={Database};Mode=ReadOnly");
        db.Open();
        long Scalar(string sql)
        {
            using var command = db.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.Equal(People, Scalar("SELECT COUNT(*) FROM workflow_instances WHERE \"DefinitionId\" = 'zhashui-enrollment'"));
        Assert.Equal(People, Scalar("SELECT COUNT(*) FROM workflow_instances WHERE \"DefinitionId\" = 'zhashui-enrollment' AND \"Status\" = 'Finished'"));
        Assert.Equal(People, Scalar("SELECT COUNT(*) FROM records WHERE \"EventName\" = 'entitlement.recorded'"));
        Assert.Equal(People, Scalar("SELECT COUNT(DISTINCT \"CorrelationKey\") FROM records WHERE \"EventName\" = 'entitlement.recorded'"));
        Assert.Equal(People * StandardFen, Scalar("SELECT SUM(json_extract(\"Payload\", '$.payment.amountFen')) FROM records WHERE \"EventName\" = 'entitlement.recorded'"));
        Assert.Equal(People, Scalar("SELECT COUNT(*) FROM stimuli WHERE \"Status\" = 'Consumed'"));
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM stimuli WHERE \"Status\" <> 'Consumed'"));
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM bookmarks"));
        Assert.Equal(People, Scalar("SELECT COUNT(DISTINCT \"InstanceId\") FROM journal WHERE \"Event\" = 'Resumed' AND \"ActivityId\" = 'tax-payment'"));
        // Every payment is in the audit chain exactly once, even where a kill fell between its commit and its entry.
        Assert.Equal(People, Scalar("SELECT COUNT(*) FROM audit WHERE \"Action\" = 'payment.applied'"));
        Assert.Equal(People, Scalar("SELECT COUNT(DISTINCT \"Target\") FROM audit WHERE \"Action\" = 'payment.applied'"));
    }
}
