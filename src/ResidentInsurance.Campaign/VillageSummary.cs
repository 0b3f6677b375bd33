namespace ResidentInsurance.Campaign;

/// <summary>
/// The village summary of a town (003 六(五): 每周汇总各村征缴情况): per village (村/社区, as registered with the
/// enrollment) the enrolled on the date, the week's new enrollments and the special identities among them.
/// The villages themselves are not in the notices (<c>campaign/villages</c> is unset): they come from the records.
/// </summary>
public sealed record VillageSummary(string Town, int TaskNumber, int Enrolled, int NewThisWeek, IReadOnlyList<VillageRow> Villages)
{
    /// <summary>Enrollments registered without a village.</summary>
    public const string NoVillage = "（未登记村/社区）";

    public static IReadOnlyList<VillageSummary> Build(CampaignPlan plan, IReadOnlyList<EnrollmentFact> facts, DateOnly asOf)
    {
        var weekBefore = asOf.AddDays(-7);
        var byTown = facts.Where(f => f.Town is not null).GroupBy(f => f.Town!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return plan.Towns.Select(t =>
        {
            var mine = byTown.GetValueOrDefault(t.Name) ?? [];
            var villages = mine.GroupBy(f => f.Village ?? NoVillage, StringComparer.Ordinal).Select(v =>
            {
                var now = v.Where(f => f.IsEnrolledOn(asOf)).ToList();
                return new VillageRow(v.Key, now.Count, now.Count - v.Count(f => f.IsEnrolledOn(weekBefore)),
                    now.SelectMany(f => f.Identities.Distinct()).GroupBy(i => i, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));
            }).Where(v => v.Enrolled > 0 || v.NewThisWeek != 0).OrderBy(v => v.Village == NoVillage).ThenBy(v => v.Village, StringComparer.Ordinal).ToList();
            return new VillageSummary(t.Name, t.TaskNumber, villages.Sum(v => v.Enrolled), villages.Sum(v => v.NewThisWeek), villages);
        }).ToList();
    }
}

public sealed record VillageRow(string Village, int Enrolled, int NewThisWeek, IReadOnlyDictionary<string, int> ByIdentity);
