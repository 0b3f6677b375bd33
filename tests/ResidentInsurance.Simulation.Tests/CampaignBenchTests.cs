using Microsoft.Data.Sqlite;
using ResidentInsurance.Cli;
using ResidentInsurance.Cli.Bench;

namespace ResidentInsurance.Simulation.Tests;

/// <summary>
/// The campaign benchmark's correctness on a small N: what the dashboard reads back from the imported records is
/// what the generator wrote (enrolled once despite duplicates, refunds taken out, the 建档立卡 worklist).
/// The timings themselves live in docs/performance.md.
/// </summary>
public sealed class CampaignBenchTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ri-campaign-bench-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task A_small_Pubei_season_reads_back_the_enrolled_the_worklist_and_the_funding_the_generator_wrote()
    {
        var report = await CampaignBench.RunAsync(2000, Path.Combine(_folder.FullName, "campaign.db"), PolicyCaseFiles.Workflows, questions: 4, TextWriter.Null);

        Assert.True(report.Correct, CampaignBench.Table(report));
        Assert.InRange(report.People, 2000, 2100);
        Assert.True(report.Records > report.People, "1% of payments are recorded twice");
        Assert.InRange(report.Enrolled, report.People - report.People / 100, report.People - 1); // 0.5% refunded
        Assert.True(report.ExpectedNotEnrolledListed > 0);
        Assert.True(report.DatabaseBytes > 0);
    }

    [Fact]
    public async Task Bad_campaign_arguments_name_the_problem()
    {
        var stderr = new StringWriter();
        Assert.Equal(CliApp.BadInput, await CliApp.RunAsync(["bench", "campaign", "--region", "zhashui"], new StringReader(""), new StringWriter(), stderr, new PlatformOptions(PolicyCaseFiles.Workflows, "none.db")));
        Assert.Contains("only pubei", stderr.ToString());
        stderr = new StringWriter();
        Assert.Equal(CliApp.BadInput, await CliApp.RunAsync(["bench", "campaign", "--people", "0"], new StringReader(""), new StringWriter(), stderr, new PlatformOptions(PolicyCaseFiles.Workflows, "none.db")));
        Assert.Contains("--people", stderr.ToString());
    }
}
