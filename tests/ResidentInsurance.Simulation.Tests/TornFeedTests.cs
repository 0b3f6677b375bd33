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
/// Torn tax feeds on Zhashui's shipped enrollment: re-delivered, arriving before the registration, for someone
/// unknown, for the wrong benefit year — each applied once or parked with its reason, and <c>parked</c> lists them.
/// </summary>
public sealed class TornFeedTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ri-torn-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private string Database => Path.Combine(_folder.FullName, "torn.db");

    private static string Id(string birth, int n)
    {
        var first17 = "611026" + birth.Replace("-", "", StringComparison.Ordinal) + n.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
        return first17 + ResidentIdNumber.ComputeCheckDigit(first17);
    }

    private static JsonObject Registration(string id, string birth) => new()
    {
        ["region"] = "zhashui", ["benefitYear"] = 2024, ["action"] = "enroll", ["paidOn"] = "2023-10-10",
        ["person"] = new JsonObject { ["idNumber"] = id, ["name"] = "居民", ["birthDate"] = birth, ["identities"] = new JsonArray() },
    };

    private static ResumeRequest Notice(string id, int year, string tx) =>
        ResumeRequest.ForEvent("zhashui", "tax.payment-notice", $"{id}/{year}", tx, new JsonObject { ["amountFen"] = 38000, ["paidOn"] = "2023-10-10", ["transactionId"] = tx });

    [Fact]
    public async Task Each_notice_is_applied_once_or_parked_with_its_reason()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddResidentInsurancePersistence(o => o.ConnectionString = $"Data Source={Database}");
        services.AddResidentInsurancePolicy();
        services.AddResidentInsuranceEngine(o => { o.RunBackgroundServices = false; o.WorkflowsDirectory = PolicyCaseFiles.Workflows; });
        var (a, b, c) = (Id("1980-01-01", 1), Id("1981-02-02", 2), Id("1982-03-03", 3));
        await using (var provider = services.BuildServiceProvider())
        {
            Assert.Empty((await provider.GetRequiredService<WorkflowDirectoryLoader>().LoadAsync(PolicyCaseFiles.Workflows)).Failed);
            var runtime = provider.GetRequiredService<WorkflowRuntime>();
            await runtime.StartAsync(new StartWorkflowRequest("zhashui-enrollment") { Input = Registration(a, "1980-01-01"), CorrelationId = $"{a}/2024" });

            Assert.Equal(ResumeOutcome.Parked, (await runtime.ResumeAsync(Notice(c, 2024, "TX-C"))).Outcome);  // before C registers
            Assert.Equal(ResumeOutcome.Resumed, (await runtime.ResumeAsync(Notice(a, 2024, "TX-A"))).Outcome);
            Assert.Equal(ResumeOutcome.AlreadyHandled, (await runtime.ResumeAsync(Notice(a, 2024, "TX-A"))).Outcome); // re-delivered
            Assert.Equal(ResumeOutcome.Parked, (await runtime.ResumeAsync(Notice(b, 2024, "TX-B"))).Outcome);  // nobody
            Assert.Equal(ResumeOutcome.Parked, (await runtime.ResumeAsync(Notice(a, 2025, "TX-A25"))).Outcome); // wrong year
            Assert.Equal(ResumeOutcome.Parked, (await runtime.ResumeAsync(Notice(a, 2024, "TX-A-AGAIN"))).Outcome); // paid twice

            var late = await runtime.StartAsync(new StartWorkflowRequest("zhashui-enrollment") { Input = Registration(c, "1982-03-03"), CorrelationId = $"{c}/2024" });
            Assert.Equal(WorkflowStatus.Finished, late.Instance.Status); // the kept notice met its registration
            Assert.Equal(2, (await provider.GetRequiredService<IInstanceStore>().ListRecordsAsync(new RecordQuery("zhashui", "entitlement.recorded"))).Count);
        }

        SqliteConnection.ClearAllPools();
        var stdout = new StringWriter();
        var code = await CliApp.RunAsync(["parked", "--region", "zhashui", "--database", Database], new StringReader(""), stdout, new StringWriter(), new PlatformOptions(null, Database));
        Assert.Equal(CliApp.Ok, code);
        var parked = JsonNode.Parse(stdout.ToString())!.AsArray().ToDictionary(p => p!["key"]!.GetValue<string>(), p => p!["reason"]!.GetValue<string>());
        Assert.Equal(["TX-A-AGAIN", "TX-A25", "TX-B"], parked.Keys.Order());
        Assert.Contains("尚未登记", parked["TX-B"]);
        Assert.Contains("参保年度不符", parked["TX-A25"]);
        Assert.Contains("重复缴费", parked["TX-A-AGAIN"]);
        Assert.DoesNotContain(a, stdout.ToString(), StringComparison.Ordinal); // ID numbers are masked in the report
    }
}
