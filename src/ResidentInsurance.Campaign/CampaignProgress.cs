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
    /// <summary>
    /// The standing on <paramref name="asOf"/>, in one pass over the facts (a county's season is hundreds of
    /// thousands of them): per town the enrolled, special groups and day-by-day changes, then per town the
    /// cumulative curve and the first day its standing enrollments reached what completes its task.
    /// </summary>
    public static CampaignProgress Compute(CampaignPlan plan, IReadOnlyList<EnrollmentFact> facts, DateOnly asOf)
    {
        var n = plan.Towns.Count;
        var index = new Dictionary<string, int>(n, StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            index.TryAdd(plan.Towns[i].Name, i);
        }

        var counts = new int[n];
        var changes = new Dictionary<int, int>[n + 1]; // day → change in enrolled; [n] is the county
        var standing = new Dictionary<int, int>[n];     // day → enrollments made that day still standing on asOf
        var groups = plan.Towns.Select(t => t.SpecialGroups.Keys.Select(g => (Group: g, Identities: GroupIdentities(g))).ToArray()).ToArray();
        var groupCounts = groups.Select(g => new int[g.Length]).ToArray();
        for (var i = 0; i <= n; i++)
        {
            changes[i] = [];
            if (i < n)
            {
                standing[i] = [];
            }
        }

        var byIdentity = new Dictionary<string, int>(StringComparer.Ordinal);
        int enrolled = 0, unassigned = 0;
        var day = asOf.DayNumber;
        foreach (var f in facts)
        {
            var town = f.Town is not null && index.TryGetValue(f.Town, out var t) ? t : -1;
            if (f.EnrolledOn.DayNumber <= day)
            {
                Add(changes[n], f.EnrolledOn.DayNumber, 1);
                if (town >= 0)
                {
                    Add(changes[town], f.EnrolledOn.DayNumber, 1);
                }
            }

            if (f.EndedOn is { } ended && ended.DayNumber <= day)
            {
                Add(changes[n], ended.DayNumber, -1);
                if (town >= 0)
                {
                    Add(changes[town], ended.DayNumber, -1);
                }
            }

            if (!f.IsEnrolledOn(asOf))
            {
                continue;
            }

            enrolled++;
            for (var k = 0; k < f.Identities.Count; k++)
            {
                if (!Earlier(f.Identities, k))
                {
                    byIdentity[f.Identities[k]] = byIdentity.GetValueOrDefault(f.Identities[k]) + 1;
                }
            }

            if (town < 0)
            {
                unassigned++;
                continue;
            }

            counts[town]++;
            Add(standing[town], f.EnrolledOn.DayNumber, 1);
            for (var g = 0; g < groups[town].Length; g++)
            {
                if (f.Identities.Any(groups[town][g].Identities.Contains))
                {
                    groupCounts[town][g]++;
                }
            }
        }

        var towns = plan.Towns.Select((t, i) =>
        {
            var completedOn = FirstDayReaching(standing[i], Needed(plan, t));
            var fenPerPerson = plan.Funding?.FenPerPerson(completedOn) ?? 0;
            return new TownProgress(t.Name, t.TaskNumber, counts[i], Rate(counts[i], t.TaskNumber), completedOn, fenPerPerson, (long)fenPerPerson * counts[i],
                groups[i].Select((g, k) => (g.Group, Progress: new GroupProgress(t.SpecialGroups[g.Group], groupCounts[i][k]))).ToDictionary(g => g.Group, g => g.Progress),
                Cumulative(changes[i]));
        }).ToList();
        return new CampaignProgress(plan.Region, plan.BenefitYear, asOf, enrolled, plan.TotalTaskNumber, Rate(enrolled, plan.TotalTaskNumber), towns,
            unassigned, byIdentity, Cumulative(changes[n]),
            towns.Sum(t => t.FundingFen), (long)(plan.Funding?.BureauFenPerPerson ?? 0) * enrolled,
            (plan.Targets.FirstOrDefault(t => t.Scope == "town") ?? plan.Targets.FirstOrDefault(t => t.Scope == "county"))?.RateBp,
            plan.CollectionEnds, plan.CollectionEnds is { } ends ? Math.Max(0, ends.DayNumber - asOf.DayNumber) : null);
    }

    private static void Add(Dictionary<int, int> days, int day, int delta) =>
        days[day] = days.GetValueOrDefault(day) + delta;

    private static bool Earlier(IReadOnlyList<string> identities, int k)
    {
        for (var j = 0; j < k; j++)
        {
            if (identities[j] == identities[k])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Enrolled at the end of each day something changed.</summary>
    private static List<DailyCount> Cumulative(Dictionary<int, int> changes)
    {
        var daily = new List<DailyCount>(changes.Count);
        var count = 0;
        foreach (var (day, delta) in changes.OrderBy(c => c.Key))
        {
            count += delta;
            daily.Add(new DailyCount(DateOnly.FromDayNumber(day), count));
        }

        return daily;
    }

    /// <summary>
    /// The first day the enrollments still standing on the day asked reached <paramref name="needed"/>, or null:
    /// a payment refunded or reversed since never completed a task.
    /// </summary>
    private static DateOnly? FirstDayReaching(Dictionary<int, int> standing, int needed)
    {
        if (needed <= 0)
        {
            return null;
        }

        var count = 0;
        foreach (var (day, made) in standing.OrderBy(c => c.Key))
        {
            count += made;
            if (count >= needed)
            {
                return DateOnly.FromDayNumber(day);
            }
        }

        return null;
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
