using System.Text.Json;
using System.Text.Json.Nodes;
using ResidentInsurance.Cli;
using ResidentInsurance.Engine.Definitions;

namespace ResidentInsurance.Simulation.Tests;

/// <summary>
/// The policy case files (<c>workflows/&lt;region&gt;/cases/*.json</c>): a contract case, the expected part of
/// the result, and the document and clause it comes from. Run through the simulate path.
/// </summary>
internal static class PolicyCaseFiles
{
    public static string Workflows => PlatformHome.FindWorkflows(null, AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("the repository's workflows/ folder was not found");

    public static IEnumerable<string> All(string workflows) =>
        Directory.EnumerateDirectories(workflows)
            .Select(region => Path.Combine(region, "cases"))
            .Where(Directory.Exists)
            .SelectMany(cases => Directory.EnumerateFiles(cases, "*.json"))
            .Order(StringComparer.Ordinal);

    /// <summary>Runs one case file; returns the differences (empty when it passes), each naming the case and clause.</summary>
    public static async Task<List<string>> RunAsync(string file, string workflows, string scratch)
    {
        var doc = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        var name = $"{Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(file)))}/cases/{Path.GetFileName(file)}";
        var clause = $"{doc["source"]?["document"]} {doc["source"]?["clause"]}";
        if (doc["assume"] is JsonObject assume)
        {
            workflows = WithAssumptions(workflows, doc["case"]!["region"]!.GetValue<string>(), assume, scratch);
        }

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(["simulate", "--file", "-"], new StringReader(doc["case"]!.ToJsonString()), stdout, stderr,
            new PlatformOptions(workflows, Path.Combine(scratch, "none.db")));
        if (code != 0)
        {
            return [$"{name} ({clause}): simulate exited {code}: {stderr}"];
        }

        return CaseFiles.Compare(doc["expected"], JsonNode.Parse(stdout.ToString())).Select(d => $"{name} ({clause}): {d}").ToList();
    }

    /// <summary>
    /// A case's <c>assume</c>: local settings of parameters the notice leaves open (path in the region document →
    /// value), for cases that show a clause holding once a bureau has set them. Applied to a copy of workflows/.
    /// </summary>
    private static string WithAssumptions(string workflows, string region, JsonObject assume, string scratch)
    {
        var copy = Path.Combine(scratch, "assume-" + Guid.NewGuid().ToString("N"));
        CopyDirectory(workflows, copy);
        var regionFile = Path.Combine(copy, "regions", region + ".json");
        var document = JsonNode.Parse(File.ReadAllText(regionFile))!.AsObject();
        foreach (var (path, value) in assume)
        {
            var segments = path.Split('/');
            var node = document;
            foreach (var segment in segments[..^1])
            {
                node = node[segment] as JsonObject ?? throw new InvalidOperationException($"assume: '{path}' does not name a parameter of {region}");
            }

            if (!node.ContainsKey(segments[^1]))
            {
                throw new InvalidOperationException($"assume: '{path}' does not name a parameter of {region}");
            }

            node[segments[^1]] = value?.DeepClone();
        }

        File.WriteAllText(regionFile, document.ToJsonString());
        return copy;
    }

    public static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}
