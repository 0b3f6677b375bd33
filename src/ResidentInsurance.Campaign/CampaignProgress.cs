namespace ResidentInsurance.Campaign;

/// <summary>Where a campaign stands on a date, computed from the enrollment facts alone.</summary>
public sealed record CampaignProgress(
    string Region,
    int BenefitYear,
    DateOnly AsOf,
    int Enrolled,
    int TaskNumber,
    int RateBp,
    IReadOnlyList<TownProgress> Towns,
    int UnassignedEnrolled,
    IReadOnlyDictionary<string, int> ByIdentity,
    IReadOnlyList<DailyCount> Daily,
    long TownFundingFen,
    long BureauFundingFen,
    int? TargetRateBp = null,
    DateOnly? CollectionEnds = null,
    int? DaysLeft = null)
{
    public static CampaignProgress Compute(CampaignPlan plan, IReadOnlyList<EnrollmentFact> facts, DateOnly asOf)
    {
        var enrolled = facts.Where(f => f.IsEnrolledOn(asOf)).ToList();
        var byTown = facts.GroupBy(f => f.Town ?? "", StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var towns = plan.Towns.Select(t =>
        {
            var mine = byTown.GetValueOrDefault(t.Name) ?? [];
            var count = mine.Count(f => f.IsEnrolledOn(asOf));
            var completedOn = FirstDayReaching(mine.Where(f => f.IsEnrolledOn(asOf)).ToList(), Needed(plan, t), asOf);
            var fenPerPerson = plan.Funding?.FenPerPerson(completedOn) ?? 0;
            return new TownProgress(t.Name, t.TaskNumber, count, Rate(count, t.TaskNumber), completedOn, fenPerPerson, (long)fenPerPerson * count,
                t.SpecialGroups.ToDictionary(g => g.Key, g => new GroupProgress(g.Value, mine.Count(f => f.IsEnrolledOn(asOf) && f.Identities.Any(GroupIdentities(g.Key).Contains)))),
                DailyCounts(mine, asOf));
        }).ToList();
        var byIdentity = enrolled.SelectMany(f => f.Identities.Distinct()).GroupBy(i => i, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new CampaignProgress(plan.Region, plan.BenefitYear, asOf, enrolled.Count, plan.TotalTaskNumber, Rate(enrolled.Count, plan.TotalTaskNumber), towns,
            enrolled.Count(f => f.Town is null || !plan.Towns.Any(t => t.Name == f.Town)), byIdentity, DailyCounts(facts, asOf),
            towns.Sum(t => t.FundingFen), (long)(plan.Funding?.BureauFenPerPerson ?? 0) * enrolled.Count,
            (plan.Targets.FirstOrDefault(t => t.Scope == "town") ?? plan.Targets.FirstOrDefault(t => t.Scope == "county"))?.RateBp,
            plan.CollectionEnds, plan.CollectionEnds is { } ends ? Math.Max(0, ends.DayNumber - asOf.DayNumber) : null);
    }

    /// <summary>Enrolled at the end of each day something changed, up to <paramref name="asOf"/>: one pass over the changes.</summary>
    private static List<DailyCount> DailyCounts(IReadOnlyList<EnrollmentFact> facts, DateOnly asOf)
    {
        var daily = new List<DailyCount>();
        var count = 0;
        foreach (var day in Changes(facts).Where(c => c.Day <= asOf).GroupBy(c => c.Day).OrderBy(g => g.Key))
        {
            count += day.Sum(c => c.Delta);
            daily.Add(new DailyCount(day.Key, count));
        }

        return daily;
    }

    /// <summary>
    /// The first day the count reached <paramref name="needed"/>, or null. Only enrollments still standing on the
    /// day asked count: a payment refunded or reversed since never completed a task.
    /// </summary>
    private static DateOnly? FirstDayReaching(IReadOnlyList<EnrollmentFact> facts, int needed, DateOnly asOf)
    {
        if (needed <= 0)
        {
            return null;
        }

        var count = 0;
        foreach (var day in Changes(facts).Where(c => c.Day <= asOf).GroupBy(c => c.Day).OrderBy(g => g.Key))
        {
            count += day.Sum(c => c.Delta);
            if (count >= needed)
            {
                return day.Key;
            }
        }

        return null;
    }

    private static IEnumerable<(DateOnly Day, int Delta)> Changes(IEnumerable<EnrollmentFact> facts)
    {
        foreach (var f in facts)
        {
            yield return (f.EnrolledOn, 1);
            if (f.EndedOn is { } ended)
            {
                yield return (ended, -1);
            }
        }
    }

    /// <summary>How many enrolled complete the town's task: the task number, or the town coverage target's share of it.</summary>
    private static int Needed(CampaignPlan plan, TownTarget town) =>
        plan.CompletedMeans == "coverage_rate" && plan.Targets.FirstOrDefault(t => t.Scope == "town") is { } target
            ? (int)Math.Ceiling(town.TaskNumber * (long)target.RateBp / 10000.0)
            : town.TaskNumber;

    /// <summary>Special-group columns of the plan tables named by the identity code they count.</summary>
    private static string[] GroupIdentities(string group) => group == "orphan_and_de_facto_orphan" ? ["orphan", "de_facto_orphan"] : [group];

    private static int Rate(int count, int of) => of <= 0 ? 0 : (int)Math.Round(count * 10000.0 / of, MidpointRounding.AwayFromZero);
}

public sealed record TownProgress(string Name, int TaskNumber, int Enrolled, int RateBp, DateOnly? CompletedOn, int FundingFenPerPerson, long FundingFen,
    IReadOnlyDictionary<string, GroupProgress> SpecialGroups, IReadOnlyList<DailyCount> Daily);

public sealed record GroupProgress(int TaskNumber, int Enrolled);

public sealed record DailyCount(DateOnly Date, int Enrolled);
