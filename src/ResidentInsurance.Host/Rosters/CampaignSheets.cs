using System.Globalization;
using ResidentInsurance.Campaign;

namespace ResidentInsurance.Host.Rosters;

/// <summary>The campaign's sheets in the columns the towns, the tax office and finance use, totals last.</summary>
internal static class CampaignSheets
{
    public static string Category(string code) => RosterWorkbook.CategoryName(code);

    /// <summary>周通报: towns ranked by rate, with task, enrolled, gap, change since last week, lagging marked.</summary>
    public static List<IDictionary<string, object?>> Weekly(WeeklyReport week)
    {
        var rows = week.Towns.Select(t => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["排名"] = t.Rank, ["镇（街道）"] = t.Name, ["任务数"] = t.TaskNumber, ["已参保缴费人数"] = t.Enrolled, ["完成率（%）"] = t.RateBp / 100m,
            ["差额"] = t.Gap, ["较上周增加"] = t.ChangeSinceLastWeek, ["完成任务日期"] = Date(t.CompletedOn) ?? "未完成", ["进度"] = t.Lagging ? "滞后" : null,
        }).ToList();
        rows.Add(new Dictionary<string, object?>
        {
            ["排名"] = null, ["镇（街道）"] = $"合计（截至 {Date(week.WeekEnding)}）", ["任务数"] = week.Towns.Sum(t => t.TaskNumber), ["已参保缴费人数"] = week.Enrolled,
            ["完成率（%）"] = week.RateBp / 100m, ["差额"] = week.Towns.Sum(t => t.Gap), ["较上周增加"] = week.NewThisWeek, ["完成任务日期"] = null, ["进度"] = null,
        });
        return rows;
    }

    /// <summary>村（社区）汇总: per town and village the enrolled, the week's new ones, the special identities among them.</summary>
    public static List<IDictionary<string, object?>> Villages(IReadOnlyList<VillageSummary> towns)
    {
        var rows = new List<IDictionary<string, object?>>();
        foreach (var town in towns)
        {
            foreach (var v in town.Villages)
            {
                rows.Add(Row(rows.Count + 1, town.Town, v.Village, v.Enrolled, v.NewThisWeek,
                    string.Join("、", v.ByIdentity.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => $"{Category(i.Key)} {i.Value}"))));
            }

            rows.Add(Row(null, town.Town, "小计", town.Enrolled, town.NewThisWeek, $"任务数 {town.TaskNumber}"));
        }

        rows.Add(Row(null, "合计", null, towns.Sum(t => t.Enrolled), towns.Sum(t => t.NewThisWeek), null));
        return rows;

        static IDictionary<string, object?> Row(int? index, string town, string? village, int enrolled, int week, string? note) => new Dictionary<string, object?>
        {
            ["序号"] = index, ["镇（街道）"] = town, ["村（社区）"] = village, ["已参保缴费人数"] = enrolled, ["本周新增"] = week, ["其中特殊人群"] = note,
        };
    }

    /// <summary>未参保特殊人群: the people on the departments' lists not yet enrolled, to act on (花名册 columns).</summary>
    public static List<IDictionary<string, object?>> Worklist(IReadOnlyList<ListedPerson> people)
    {
        var rows = people.Select((p, i) => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["序号"] = i + 1, ["姓名"] = p.Name, ["身份证号码"] = p.IdNumber, ["人员类别"] = Category(p.Identity), ["认定日期"] = Date(p.RecognizedOn),
            ["镇（街道）"] = p.Town, ["村（社区）"] = p.Village, ["报送部门"] = p.Department is null ? null : Engine.Activities.Departments.Find(p.Department)?.Name ?? p.Department, ["备注"] = "未参保缴费",
        }).ToList();
        rows.Add(new Dictionary<string, object?>
        {
            ["序号"] = null, ["姓名"] = "合计", ["身份证号码"] = $"{people.Count} 人", ["人员类别"] = null, ["认定日期"] = null, ["镇（街道）"] = null, ["村（社区）"] = null, ["报送部门"] = null, ["备注"] = null,
        });
        return rows;
    }

    /// <summary>工作经费结算: per town completion date, rate, enrolled and amount, totals and the bureau's share (001 八(四)).</summary>
    public static List<IDictionary<string, object?>> Settlement(CampaignProgress progress)
    {
        var rows = progress.Towns.Select((t, i) => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["序号"] = i + 1, ["镇（街道）"] = t.Name, ["任务数"] = t.TaskNumber, ["已参保缴费人数"] = t.Enrolled,
            ["完成率（%）"] = t.RateBp / 100m, ["完成任务日期"] = Date(t.CompletedOn) ?? "未完成",
            ["经费标准（元/人）"] = t.FundingFenPerPerson / 100m, ["工作经费（元）"] = t.FundingFen / 100m,
        }).ToList();
        rows.Add(new Dictionary<string, object?> { ["序号"] = null, ["镇（街道）"] = "合计", ["任务数"] = progress.TaskNumber, ["已参保缴费人数"] = progress.Enrolled, ["完成率（%）"] = progress.RateBp / 100m, ["完成任务日期"] = null, ["经费标准（元/人）"] = null, ["工作经费（元）"] = progress.TownFundingFen / 100m });
        rows.Add(new Dictionary<string, object?> { ["序号"] = null, ["镇（街道）"] = "医疗保障部门", ["任务数"] = null, ["已参保缴费人数"] = progress.Enrolled, ["完成率（%）"] = null, ["完成任务日期"] = null, ["经费标准（元/人）"] = null, ["工作经费（元）"] = progress.BureauFundingFen / 100m });
        return rows;
    }

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
