using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Runtime;

namespace ResidentInsurance.Campaign;

/// <summary>Reads a region's campaign plan and the workflows' records, and computes the progress on a date.</summary>
public sealed class CampaignService(IInstanceStore records, IPolicyResources resources)
{
    /// <summary>The progress, or null when the region has no campaign for the benefit year.</summary>
    public async Task<CampaignProgress?> ProgressAsync(string region, int benefitYear, DateOnly asOf, CancellationToken ct = default) =>
        await LoadAsync(region, benefitYear, ct) is { } loaded ? CampaignProgress.Compute(loaded.Plan, loaded.Facts, asOf) : null;

    /// <summary>The weekly reports between two dates, or null when the region has no campaign for the benefit year.</summary>
    public async Task<IReadOnlyList<WeeklyReport>?> WeeklyAsync(string region, int benefitYear, DateOnly from, DateOnly to, CancellationToken ct = default) =>
        await LoadAsync(region, benefitYear, ct) is { } loaded ? WeeklyReport.Build(loaded.Plan, loaded.Facts, from, to) : null;

    private async Task<(CampaignPlan Plan, IReadOnlyList<EnrollmentFact> Facts)?> LoadAsync(string region, int benefitYear, CancellationToken ct)
    {
        var text = await resources.GetParametersAsync(region, ct);
        if (text is null || JsonNode.Parse(text) is not JsonObject parameters || CampaignPlan.From(region, benefitYear, parameters) is not { } plan)
        {
            return null;
        }

        var all = new List<WorkflowRecord>();
        long after = 0;
        while (true)
        {
            var page = await records.ListRecordsAsync(new RecordQuery(region, AfterSequence: after, Take: 5000), ct);
            all.AddRange(page.Where(r => r.EventName is "entitlement.recorded" or "enrollment.ended"));
            if (page.Count < 5000)
            {
                break;
            }

            after = page[^1].Sequence;
        }

        return (plan, EnrollmentFact.From(all, benefitYear));
    }
}
