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
