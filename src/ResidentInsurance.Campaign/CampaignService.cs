using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Runtime;

namespace ResidentInsurance.Campaign;

/// <summary>
/// Reads a region's campaign plan and the workflows' records, and answers progress, the weekly report, village
/// summaries and the special groups' worklist on any date. The records are read once, then only those written
/// since (by sequence): the numbers are always the records', never a counter of their own.
/// </summary>
public sealed class CampaignService(IInstanceStore records, IPolicyResources resources)
{
    private const int Page = 5000;
    private readonly ConcurrentDictionary<string, RegionRecords> _regions = new(StringComparer.Ordinal);

    /// <summary>The progress, or null when the region has no campaign for the benefit year (or the town is not in it).</summary>
    public async Task<CampaignProgress?> ProgressAsync(string region, int benefitYear, DateOnly asOf, CancellationToken ct = default, string? town = null) =>
        await LoadAsync(region, benefitYear, town, ct) is { } loaded ? CampaignProgress.Compute(loaded.Plan, loaded.Facts, asOf) : null;

    /// <summary>The weekly reports between two dates, or null when the region has no campaign for the benefit year.</summary>
    public async Task<IReadOnlyList<WeeklyReport>?> WeeklyAsync(string region, int benefitYear, DateOnly from, DateOnly to, CancellationToken ct = default, string? town = null) =>
        await LoadAsync(region, benefitYear, town, ct) is { } loaded ? WeeklyReport.Build(loaded.Plan, loaded.Facts, from, to) : null;

    /// <summary>Each town's village summary on the date (one town for a town's staff).</summary>
    public async Task<IReadOnlyList<VillageSummary>?> VillagesAsync(string region, int benefitYear, DateOnly asOf, CancellationToken ct = default, string? town = null) =>
        await LoadAsync(region, benefitYear, town, ct) is { } loaded ? VillageSummary.Build(loaded.Plan, loaded.Facts, asOf) : null;

    /// <summary>The special groups' coverage and who of their lists is not enrolled on the date.</summary>
    public async Task<(IReadOnlyList<GroupCoverage> Coverage, IReadOnlyList<ListedPerson> NotEnrolled)?> WorklistAsync(
        string region, int benefitYear, DateOnly asOf, IReadOnlyCollection<string>? identities, CancellationToken ct = default, string? town = null)
    {
        if (await LoadAsync(region, benefitYear, town, ct) is not { } loaded)
        {
            return null;
        }

        var lists = loaded.Lists.Where(l => town is null || l.Town == town).ToList();
        return (SpecialGroupWorklist.Coverage(lists, loaded.Facts, benefitYear, asOf), SpecialGroupWorklist.NotEnrolled(lists, loaded.Facts, benefitYear, asOf, town, identities));
    }

    private async Task<(CampaignPlan Plan, IReadOnlyList<EnrollmentFact> Facts, IReadOnlyList<ListedPerson> Lists)?> LoadAsync(
        string region, int benefitYear, string? town, CancellationToken ct)
    {
        var text = await resources.GetParametersAsync(region, ct);
        if (text is null || JsonNode.Parse(text) is not JsonObject parameters || CampaignPlan.From(region, benefitYear, parameters) is not { } plan)
        {
            return null;
        }

        if (town is not null)
        {
            if (plan.ForTown(town) is not { } own)
            {
                return null;
            }

            plan = own;
        }

        var state = _regions.GetOrAdd(region, _ => new RegionRecords());
        await state.Gate.WaitAsync(ct);
        try
        {
            if (!state.Ledgers.TryGetValue(benefitYear, out var year))
            {
                // A year asked for the first time is folded from the start, up to where the others stand.
                year = new EnrollmentLedger(benefitYear);
                await ReadAsync(region, 0, state.After, r => year.Apply(r), ct);
                state.Ledgers[benefitYear] = year;
            }

            // Then everything recorded since the last call, once, into every year's ledger.
            state.After = await ReadAsync(region, state.After, long.MaxValue, r =>
            {
                if (r.EventName == "identity.flags-updated")
                {
                    state.Identity.Add(r);
                }

                foreach (var ledger in state.Ledgers.Values)
                {
                    ledger.Apply(r);
                }
            }, ct);

            var facts = year.Facts();
            if (!state.Lists.TryGetValue(benefitYear, out var lists) || lists.Records != state.Identity.Count)
            {
                state.Lists[benefitYear] = lists = (state.Identity.Count, SpecialGroupWorklist.Lists(state.Identity, benefitYear));
            }

            return (plan, town is null ? facts : [.. facts.Where(f => f.Town == town)], lists.People);
        }
        finally
        {
            state.Gate.Release();
        }
    }

    /// <summary>Hands the region's records after <paramref name="after"/> up to <paramref name="until"/> over in order; returns the last sequence read.</summary>
    private async Task<long> ReadAsync(string region, long after, long until, Action<WorkflowRecord> apply, CancellationToken ct)
    {
        while (after < until)
        {
            var page = await records.ListRecordsAsync(new RecordQuery(region, AfterSequence: after, Take: Page), ct);
            foreach (var r in page.TakeWhile(r => r.Sequence <= until))
            {
                apply(r);
                after = r.Sequence;
            }

            if (page.Count < Page || page[^1].Sequence > until)
            {
                break;
            }
        }

        return after;
    }

    /// <summary>A region's records read so far (by sequence), and the ledgers folded from them per benefit year.</summary>
    private sealed class RegionRecords
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public long After { get; set; }

        public List<WorkflowRecord> Identity { get; } = [];

        public Dictionary<int, EnrollmentLedger> Ledgers { get; } = [];

        /// <summary>The special groups' lists per benefit year, folded from <see cref="Identity"/> (as many records as it had then).</summary>
        public Dictionary<int, (int Records, IReadOnlyList<ListedPerson> People)> Lists { get; } = [];
    }
}
