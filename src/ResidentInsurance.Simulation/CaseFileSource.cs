using Microsoft.Extensions.Options;
using ResidentInsurance.Engine.Runtime;

namespace ResidentInsurance.Simulation;

/// <summary>One policy case file of a region: its file name, its JSON text, and where it is kept.</summary>
/// <param name="Origin"><c>shipped</c> (a file under <c>workflows/</c>) or <c>platform</c> (copied by a clone, or edited by the region's administrator).</param>
public sealed record CaseFile(string Name, string Json, string Origin, string? SourceRegion = null)
{
    public const string Shipped = "shipped";
    public const string Platform = "platform";
}

/// <summary>A region's policy case files, as the publish gate and the what-if run them.</summary>
public interface ICaseFileSource
{
    Task<IReadOnlyList<CaseFile>> ListAsync(string region, CancellationToken ct = default);
}

public static class CaseFileSourceExtensions
{
    /// <summary>
    /// The region's case files of one contract action that the platform runs itself: those stating local settings
    /// (<c>assume</c>) are the test suite's. Each with its parsed document.
    /// </summary>
    public static async Task<IReadOnlyList<(CaseFile File, System.Text.Json.Nodes.JsonObject Document)>> ListForActionAsync(this ICaseFileSource source, string region, string action, CancellationToken ct = default) =>
        (await source.ListAsync(region, ct))
            .Select(file => (File: file, Document: System.Text.Json.Nodes.JsonNode.Parse(file.Json) as System.Text.Json.Nodes.JsonObject))
            .Where(x => x.Document is not null && x.Document["assume"] is null && x.Document["case"]?["action"]?.GetValue<string>() == action)
            .Select(x => (x.File, x.Document!)).ToList();
}

/// <summary>The shipped case files only: <c>workflows/&lt;region&gt;/cases/*.json</c>.</summary>
public sealed class DirectoryCaseFileSource(IOptions<EngineOptions> options) : ICaseFileSource
{
    public async Task<IReadOnlyList<CaseFile>> ListAsync(string region, CancellationToken ct = default)
    {
        if (options.Value.WorkflowsDirectory is not { } workflows)
        {
            return [];
        }

        var files = new List<CaseFile>();
        foreach (var path in CaseFiles.Of(workflows, region))
        {
            files.Add(new CaseFile(Path.GetFileName(path), await File.ReadAllTextAsync(path, ct), CaseFile.Shipped));
        }

        return files;
    }
}
