namespace ResidentInsurance.Campaign;

/// <summary>
/// The regular report (定期通报 in 001 八(五), 每周汇总 in 003 六(五)): for each week, the towns ranked by their
/// rate against the task number, with the week's new enrollments — all from the same enrollment facts.
/// </summary>
public sealed record WeeklyReport(DateOnly WeekEnding, int Enrolled, int NewThisWeek, IReadOnlyList<RankedTown> Towns)
{
    /// <summary>One report per week (weeks end on Sunday) from the week holding <paramref name="from"/> to the one holding <paramref name="to"/>.</summary>
    public static IReadOnlyList<WeeklyReport> Build(CampaignPlan plan, IReadOnlyList<EnrollmentFact> facts, DateOnly from, DateOnly to)
    {
        var reports = new List<WeeklyReport>();
        var end = from.AddDays((7 - (int)from.DayOfWeek) % 7);
        var previous = facts.Count(f => f.IsEnrolledOn(end.AddDays(-7)));
        for (; end <= to.AddDays(6) && reports.Count < 200; end = end.AddDays(7))
        {
            var progress = CampaignProgress.Compute(plan, facts, end);
            var ranked = progress.Towns
                .OrderByDescending(t => t.RateBp).ThenBy(t => t.Name, StringComparer.Ordinal)
                .Select((t, i) => new RankedTown(i + 1, t.Name, t.TaskNumber, t.Enrolled, t.RateBp, t.CompletedOn))
                .ToList();
            reports.Add(new WeeklyReport(end, progress.Enrolled, progress.Enrolled - previous, ranked));
            previous = progress.Enrolled;
        }

        return reports;
    }
}

public sealed record RankedTown(int Rank, string Name, int TaskNumber, int Enrolled, int RateBp, DateOnly? CompletedOn);
