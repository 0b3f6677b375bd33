namespace ResidentInsurance.Campaign;

/// <summary>
/// The regular report (定期通报 in 001 八(五), 每周汇总 in 003 六(五)): for each week, the towns ranked by their
/// rate against the task number, with the gap to the task, the change since the week before and the lagging
/// towns marked (by the plan's <see cref="CampaignPlan.LaggingRule"/>) — all from the same enrollment facts.
/// </summary>
public sealed record WeeklyReport(DateOnly WeekEnding, int Enrolled, int NewThisWeek, int RateBp, IReadOnlyList<RankedTown> Towns)
{
    /// <summary>
    /// One report per week (weeks end on Sunday) from the week holding <paramref name="from"/> to the one holding
    /// <paramref name="to"/>; that last one is as of <paramref name="to"/> when the week has not ended by then.
    /// </summary>
    public static IReadOnlyList<WeeklyReport> Build(CampaignPlan plan, IReadOnlyList<EnrollmentFact> facts, DateOnly from, DateOnly to)
    {
        var reports = new List<WeeklyReport>();
        var end = from.AddDays((7 - (int)from.DayOfWeek) % 7);
        var previous = CampaignProgress.Compute(plan, facts, end.AddDays(-7));
        for (; end <= to.AddDays(6) && reports.Count < 200; end = end.AddDays(7))
        {
            var reportDate = end > to ? to : end; // the week still running is reported as of the day asked, never beyond
            var progress = CampaignProgress.Compute(plan, facts, reportDate);
            var before = previous.Towns.ToDictionary(t => t.Name, t => t.Enrolled, StringComparer.Ordinal);
            var ordered = progress.Towns.OrderByDescending(t => t.TaskNumber <= 0 ? 0d : (double)t.Enrolled / t.TaskNumber).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
            var ranked = ordered.Select((t, i) => new RankedTown(i + 1, t.Name, t.TaskNumber, t.Enrolled, t.RateBp, t.CompletedOn,
                Math.Max(0, t.TaskNumber - t.Enrolled), t.Enrolled - before.GetValueOrDefault(t.Name), Lags(plan, progress, t, i, ordered.Count))).ToList();
            reports.Add(new WeeklyReport(reportDate, progress.Enrolled, progress.Enrolled - previous.Enrolled, progress.RateBp, ranked));
            previous = progress;
        }

        return reports;
    }

    private static bool Lags(CampaignPlan plan, CampaignProgress county, TownProgress town, int index, int count) => plan.LaggingRule switch
    {
        CampaignPlan.BottomThird => count >= 3 && index >= count - count / 3,
        _ => (long)town.Enrolled * county.TaskNumber < (long)county.Enrolled * town.TaskNumber, // exact, not the rounded rates
    };
}

/// <summary>A town in the report: its rank, numbers, gap to its task, change since last week, and whether it lags.</summary>
public sealed record RankedTown(int Rank, string Name, int TaskNumber, int Enrolled, int RateBp, DateOnly? CompletedOn, int Gap, int ChangeSinceLastWeek, bool Lagging);
