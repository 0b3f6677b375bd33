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
    /// The standing on <paramref name="asOf"/>, in one pass over the facts kept columnar (<see cref="FactTable"/>):
    /// per town the enrolled, the identity sets and the day-by-day changes counted into arrays, then per town the
    /// cumulative curve and the first day its standing enrollments reached what completes its task.
    /// </summary>
    public static CampaignProgress Compute(CampaignPlan plan, IReadOnlyList<EnrollmentFact> facts, DateOnly asOf)
    {
        var table = FactTable.Of(facts);
        var n = plan.Towns.Count;
        var planIndex = new Dictionary<string, int>(n, StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            planIndex.TryAdd(plan.Towns[i].Name, i);
        }

        var townOf = table.TownNames.Select(name => planIndex.TryGetValue(name, out var i) ? i : -1).ToArray();
        var day = asOf.DayNumber;
        var first = int.MaxValue;
        for (var i = 0; i < table.Count; i++)
        {
            first = Math.Min(first, table.Enrolled[i]);
        }

        var span = first > day ? 0 : day - first + 1;
        var changes = new int[n + 1][];  // per town (and [n] the county): day - first → change in enrolled
        var standing = new int[n][];     // per town: day - first → enrollments made that day still standing on asOf
        var sets = new int[n + 1][];     // per town (and [n] the county): identity set → enrolled
        for (var i = 0; i <= n; i++)
        {
            changes[i] = new int[span];
            sets[i] = new int[table.IdentitySets.Count];
            if (i < n)
            {
                standing[i] = new int[span];
            }
        }

        int enrolled = 0, unassigned = 0;
        for (var i = 0; i < table.Count; i++)
        {
            var e = table.Enrolled[i];
            if (e > day)
            {
                continue;
            }

            var t = table.Town[i] < 0 ? -1 : townOf[table.Town[i]];
            changes[n][e - first]++;
            if (t >= 0)
            {
                changes[t][e - first]++;
            }

            var ended = table.Ended[i];
            if (ended <= day)
            {
                changes[n][ended - first]--;
                if (t >= 0)
                {
                    changes[t][ended - first]--;
                }

                continue;
            }

            enrolled++;
            sets[n][table.IdentitySet[i]]++;
            if (t < 0)
            {
                unassigned++;
                continue;
            }

            standing[t][e - first]++;
            sets[t][table.IdentitySet[i]]++;
        }

        var byIdentity = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var s = 1; s < table.IdentitySets.Count; s++)
        {
            foreach (var identity in table.IdentitySets[s])
            {
                if (sets[n][s] > 0)
                {
                    byIdentity[identity] = byIdentity.GetValueOrDefault(identity) + sets[n][s];
                }
            }
        }

        var towns = plan.Towns.Select((t, i) =>
        {
            var count = standing[i].Sum();
            var completedOn = FirstDayReaching(standing[i], first, Needed(plan, t));
            var fenPerPerson = plan.Funding?.FenPerPerson(completedOn) ?? 0;
            var groups = t.SpecialGroups.ToDictionary(g => g.Key, g =>
            {
                var members = GroupIdentities(g.Key);
                var inGroup = 0;
                for (var s = 1; s < table.IdentitySets.Count; s++)
                {
                    if (table.IdentitySets[s].Any(members.Contains))
                    {
                        inGroup += sets[i][s];
                    }
                }

                return new GroupProgress(g.Value, inGroup);
            });
            return new TownProgress(t.Name, t.TaskNumber, count, Rate(count, t.TaskNumber), completedOn, fenPerPerson, (long)fenPerPerson * count, groups, Cumulative(changes[i], first));
        }).ToList();
        return new CampaignProgress(plan.Region, plan.BenefitYear, asOf, enrolled, plan.TotalTaskNumber, Rate(enrolled, plan.TotalTaskNumber), towns,
            unassigned, byIdentity, Cumulative(changes[n], first),
            towns.Sum(t => t.FundingFen), (long)(plan.Funding?.BureauFenPerPerson ?? 0) * enrolled,
            (plan.Targets.FirstOrDefault(t => t.Scope == "town") ?? plan.Targets.FirstOrDefault(t => t.Scope == "county"))?.RateBp,
            plan.CollectionEnds, plan.CollectionEnds is { } ends ? Math.Max(0, ends.DayNumber - asOf.DayNumber) : null);
    }

    /// <summary>Enrolled at the end of each day the count changed.</summary>
    private static List<DailyCount> Cumulative(int[] changes, int first)
    {
        var daily = new List<DailyCount>();
        var count = 0;
        for (var d = 0; d < changes.Length; d++)
        {
            if (changes[d] != 0)
            {
                count += changes[d];
                daily.Add(new DailyCount(DateOnly.FromDayNumber(first + d), count));
            }
        }

        return daily;
    }

    /// <summary>
    /// The first day the enrollments still standing on the day asked reached <paramref name="needed"/>, or null:
    /// a payment refunded or reversed since never completed a task.
    /// </summary>
    private static DateOnly? FirstDayReaching(int[] standing, int first, int needed)
    {
        if (needed <= 0)
        {
            return null;
        }

        var count = 0;
        for (var d = 0; d < standing.Length; d++)
        {
            count += standing[d];
            if (count >= needed)
            {
                return DateOnly.FromDayNumber(first + d);
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
