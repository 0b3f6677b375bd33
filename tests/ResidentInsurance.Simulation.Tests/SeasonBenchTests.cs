using Microsoft.Data.Sqlite;
using ResidentInsurance.Cli;
using ResidentInsurance.Cli.Bench;

namespace ResidentInsurance.Simulation.Tests;

/// <summary>The season benchmark's correctness counts on a small N (the figures themselves live in docs/performance.md).</summary>
public sealed class SeasonBenchTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ri-bench-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task A_small_season_enrolls_everyone_once_ignores_the_duplicates_and_the_ledger_adds_up_to_the_fen()
    {
        const int people = 2000; // the N issue 6 names for the check CI runs
        var report = await SeasonBench.RunAsync(people, Path.Combine(_folder.FullName, "season.db"), PolicyCaseFiles.Workflows, workers: 4, TextWriter.Null);

        Assert.True(report.Correct, SeasonBench.Table(report));
        Assert.Equal((people, 0), (report.Entitlements, report.Unfinished));
        Assert.Equal(report.ExpectedLedgerFen, report.LedgerFen);
        Assert.Equal(Enumerable.Range(0, people).Sum(n => SyntheticResidents.Make(n).DueFen), report.ExpectedLedgerFen);

        // 1% of the tax notices delivered twice (resident 7, 107, …; a full subsidy is paid by the agency, not by a notice).
        Assert.Equal(Enumerable.Range(0, people).Count(n => n % 100 == 7 && !SyntheticResidents.Make(n).Proxy), report.DuplicatesIgnored);
        Assert.InRange(report.DuplicatesIgnored, 15, 20);
        Assert.True(report.DatabaseBytes > 0);
    }

    [Fact]
    public void The_synthetic_population_follows_document_003s_identity_mix_with_valid_ID_numbers()
    {
        var people = Enumerable.Range(0, 141257).Select(SyntheticResidents.Make).ToList();

        Assert.Equal(people.Count, people.Select(p => p.IdNumber).Distinct().Count());
        Assert.All(people.Take(2000), p => Assert.True(ResidentInsurance.Policy.Identity.ResidentIdNumber.IsValid(p.IdNumber), p.IdNumber));
        var counts = people.GroupBy(p => p.Identity ?? "").ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal((1814, 36, 8001, 32609, 539, 411), (counts["tekun"], counts["orphan"], counts["dibao"], counts["poverty_lifted"], counts["monitored"], counts["dibao_edge"]));
    }

    [Fact]
    public async Task Bad_arguments_name_the_problem()
    {
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(["bench", "season", "--region", "pubei", "--people", "10"], new StringReader(""), new StringWriter(), stderr, new PlatformOptions(PolicyCaseFiles.Workflows, "none.db"));
        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("--region", stderr.ToString());
    }
}
