using ResidentInsurance.Cli.Bench;

namespace ResidentInsurance.Simulation.Tests;

/// <summary>
/// The inbox benchmark's correctness on a small N: the built host as a real process, a season running against it, and
/// every department task completed over HTTP is followed by the next task in the inbox (the timings: docs/performance.md).
/// </summary>
public sealed class InboxBenchTests
{
    [Fact]
    public async Task Each_completed_task_is_followed_by_the_next_one_in_the_inbox_while_a_season_runs()
    {
        var host = InboxBench.FindHost(PolicyCaseFiles.Workflows);
        if (host is null)
        {
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), "the host is not built (.ci/test builds the solution first)");
            return;
        }

        var report = await InboxBench.RunAsync(host, PolicyCaseFiles.Workflows, tasks: 6, seasonWorkers: 1, TextWriter.Null, warmupTasks: 2);

        Assert.True(report.Correct, InboxBench.Table(report));
        Assert.Equal((6, 2), (report.Tasks, report.WarmupTasks));
        Assert.True(report.SeasonEnrolled > 0, "the season ran meanwhile");
        Assert.True(report.P50Ms > 0 && report.P99Ms >= report.P50Ms);
        Assert.True(report.CompleteP50Ms > 0 && report.ListP50Ms > 0, InboxBench.Table(report));
        Assert.True(report.CompleteP50Ms < report.MaxMs, "the completion request is a part of completion → next task listed");
    }
}
