using ResidentInsurance.Cli;
using ResidentInsurance.Cli.Bench;

namespace ResidentInsurance.Simulation.Tests;

/// <summary>
/// The simulation benchmark's correctness on a small N: every answer of the run is the one its case file expects,
/// for each region's case files; the figures themselves live in docs/performance.md.
/// </summary>
public sealed class SimulateBenchTests
{
    [Theory]
    [InlineData("guizhou")]
    [InlineData("zhashui")]
    public async Task A_small_run_answers_every_case_as_its_case_file_expects(string region)
    {
        var report = await SimulateBench.RunAsync(region, 300, 2, PolicyCaseFiles.Workflows, TextWriter.Null);

        Assert.True(report.Correct, SimulateBench.Table(report));
        Assert.Equal(300, report.Cases);
        Assert.True(report.CaseFiles > 10);
        Assert.True(report.PerSecond > 0 && report.P99Ms >= report.P50Ms);
    }

    [Fact]
    public async Task A_region_without_case_files_or_a_bad_argument_is_named()
    {
        var stderr = new StringWriter();
        Assert.Equal(CliApp.BadInput, await CliApp.RunAsync(["bench", "simulate", "--region", "atlantis", "--cases", "10"], new StringReader(""), new StringWriter(), stderr, new PlatformOptions(PolicyCaseFiles.Workflows, "none.db")));
        Assert.Contains("atlantis", stderr.ToString());
        stderr = new StringWriter();
        Assert.Equal(CliApp.BadInput, await CliApp.RunAsync(["bench", "simulate", "--cases", "-5"], new StringReader(""), new StringWriter(), stderr, new PlatformOptions(PolicyCaseFiles.Workflows, "none.db")));
        Assert.Contains("--cases", stderr.ToString());
    }
}
