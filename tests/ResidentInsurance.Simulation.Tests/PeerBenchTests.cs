using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ResidentInsurance.Simulation.Tests;

/// <summary>
/// The season benchmark's peer (tests/peer-bpmn: the same enrollment flow as BPMN 2.0 in bpmn-engine, state saved
/// per instance) is correct on a small N: every resident entitled once, the 1% re-delivered notices ignored, the
/// ledger to the fen — so the ratio docs/performance.md prints compares two engines doing the same work.
/// </summary>
public sealed class PeerBenchTests
{
    private static string Folder => Path.GetFullPath(Path.Combine(PolicyCaseFiles.Workflows, "..", "tests", "peer-bpmn"));

    [Fact]
    public async Task The_bpmn_engine_peer_enrolls_a_small_season_correctly()
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "bpmn-engine")))
        {
            Assert.False(ci, "tests/peer-bpmn/node_modules is missing: .ci/test runs npm ci there");
            return;
        }

        var state = Directory.CreateTempSubdirectory("ri-peer-test-");
        try
        {
            var start = new ProcessStartInfo("node", ["season.mjs", "--people", "120", "--dir", state.FullName]) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
            using var node = Process.Start(start)!;
            var stdout = node.StandardOutput.ReadToEndAsync();
            var stderr = node.StandardError.ReadToEndAsync();
            await node.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
            Assert.True(node.ExitCode == 0, $"exit {node.ExitCode}: {await stdout} {await stderr}");
            var report = JsonNode.Parse(await stdout)!;
            Assert.True(report["correct"]!.GetValue<bool>());
            Assert.Equal(120, report["entitlements"]!.GetValue<int>());
            Assert.Equal(2, report["duplicatesIgnored"]!.GetValue<int>()); // residents 7 and 107: their notice delivered twice
            Assert.Equal(report["expectedLedgerFen"]!.GetValue<long>(), report["ledgerFen"]!.GetValue<long>());
            // The same population as our bench season for the same N: the same identities, so the same ledger.
            Assert.Equal(Enumerable.Range(0, 120).Sum(n => ResidentInsurance.Cli.Bench.SyntheticResidents.Make(n).DueFen), report["expectedLedgerFen"]!.GetValue<long>());
            Assert.Equal(121, Directory.GetFiles(state.FullName).Length); // one saved state per resident, and the transaction log
        }
        finally
        {
            state.Delete(recursive: true);
        }
    }
}
