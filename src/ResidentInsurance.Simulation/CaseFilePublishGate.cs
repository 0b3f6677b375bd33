using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ResidentInsurance.Engine.Definitions;
using ResidentInsurance.Engine.Runtime;

namespace ResidentInsurance.Simulation;

/// <summary>
/// Publishing a region's enrollment or refund runs the region's policy case files against the candidate version
/// (a dry run, as <c>simulate</c> does): a case that no longer holds blocks publication, named with its document
/// and clause. Cases that state local settings (<c>assume</c>) are checked by the test suite, not here.
/// </summary>
public sealed class CaseFilePublishGate(IServiceProvider services, ICaseFileSource caseFiles) : IPublishGate
{
    public async Task<IReadOnlyList<string>> CheckAsync(DefinitionVersion candidate, CancellationToken ct)
    {
        if (ContractCodes.ActionOf(candidate.TenantId, candidate.DefinitionId) is not { } action)
        {
            return [];
        }

        var simulator = services.GetRequiredService<PolicySimulator>();
        var problems = new List<string>();
        foreach (var (file, document) in await caseFiles.ListForActionAsync(candidate.TenantId, action, ct))
        {
            var name = $"{candidate.TenantId}/cases/{file.Name} ({document["source"]?["document"]} {document["source"]?["clause"]})";
            try
            {
                var (cases, _) = CaseReader.Read(document["case"]!.ToJsonString());
                var result = await simulator.SimulateCandidateAsync(cases[0], candidate, ct);
                problems.AddRange(CaseFiles.Compare(document["expected"], result).Select(d => $"{name}: {d}"));
            }
            catch (Exception ex) when (ex is CaseValidationException or SimulationFailedException)
            {
                problems.Add($"{name}: {ex.Message}");
            }
        }

        return problems;
    }
}
