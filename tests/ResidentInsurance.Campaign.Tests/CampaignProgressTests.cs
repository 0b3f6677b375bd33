using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Definitions;
using ResidentInsurance.Engine.Execution;

namespace ResidentInsurance.Campaign.Tests;

/// <summary>
/// Campaign progress from the workflows' records: counted once per resident however often a payment is
/// recorded, taken back by a refund, asked for any date; Pubei's work funding by the date a town completed
/// (001 八(四)); Zhashui's special groups (003 附件).
/// </summary>
public sealed class CampaignProgressTests
{
    private static long _sequence;

    private static JsonObject Parameters(string region) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(PlatformHome.FindWorkflows(null, AppContext.BaseDirectory)!, "regions", region + ".json")))!.AsObject();

    private static WorkflowRecord Entitlement(string region, string id, int year, string paidOn, string? town, params string[] identities) =>
        new(++_sequence, region, "entitlement.recorded", $"{id}/{year}", "i-" + id, new JsonObject
        {
            ["town"] = town,
            ["identities"] = new JsonArray([.. identities.Select(i => (JsonNode)JsonValue.Create(i))]),
            ["payment"] = new JsonObject { ["paidOn"] = paidOn },
        }, DateTimeOffset.Parse(paidOn + "T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private static WorkflowRecord Ended(string region, string id, int year, string on) =>
        new(++_sequence, region, "enrollment.ended", $"{id}/{year}", "r-" + id, [], DateTimeOffset.Parse(on + "T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private static CampaignPlan SmallPubei() => new("pubei", 2020, 5,
        [new TownTarget("泉水镇", 3, new Dictionary<string, int>()), new TownTarget("石埭镇", 2, new Dictionary<string, int>()), new TownTarget("安石镇", 1, new Dictionary<string, int>())],
        [new CoverageTarget("town", 9500)], "task_number",
        CampaignPlan.From("pubei", 2020, Parameters("pubei"))!.Funding);

    [Fact]
    public void The_shipped_Pubei_plan_reads_17_towns_and_the_funding_schedule()
    {
        var plan = CampaignPlan.From("pubei", 2020, Parameters("pubei"))!;

        Assert.Equal((17, 825000, "task_number"), (plan.Towns.Count, plan.TotalTaskNumber, plan.CompletedMeans));
        Assert.Equal(87620, plan.Towns.Single(t => t.Name == "龙门镇").TaskNumber);
        Assert.Equal(120, plan.Funding!.FenPerPerson(new DateOnly(2019, 12, 31)));
        Assert.Equal(110, plan.Funding.FenPerPerson(new DateOnly(2020, 1, 1)));
        Assert.Equal(100, plan.Funding.FenPerPerson(new DateOnly(2020, 2, 29)));
        Assert.Equal(50, plan.Funding.FenPerPerson(new DateOnly(2020, 6, 30)));
        Assert.Equal(0, plan.Funding.FenPerPerson(new DateOnly(2020, 7, 1)));
        Assert.Equal(0, plan.Funding.FenPerPerson(null));
        Assert.Null(CampaignPlan.From("pubei", 2021, Parameters("pubei")));
    }

    [Fact]
    public void A_duplicated_payment_counts_once_a_refund_takes_it_back_and_other_years_do_not_count()
    {
        var records = new[]
        {
            Entitlement("pubei", "A", 2020, "2019-12-01", "泉水镇"),
            Entitlement("pubei", "A", 2020, "2019-12-05", "泉水镇"),
            Entitlement("pubei", "B", 2020, "2019-12-02", "泉水镇"),
            Entitlement("pubei", "C", 2021, "2020-10-02", "泉水镇"),
            Ended("pubei", "B", 2020, "2019-12-20"),
        };

        var facts = EnrollmentFact.From(records, 2020);

        Assert.Equal(2, facts.Count);
        Assert.Equal(new DateOnly(2019, 12, 1), facts.Single(f => f.Key == "A/2020").EnrolledOn);
        var progress = CampaignProgress.Compute(SmallPubei(), facts, new DateOnly(2019, 12, 31));
        Assert.Equal(1, progress.Enrolled);
        Assert.Equal(2, CampaignProgress.Compute(SmallPubei(), facts, new DateOnly(2019, 12, 10)).Enrolled);
        Assert.Equal([(new DateOnly(2019, 12, 1), 1), (new DateOnly(2019, 12, 2), 2), (new DateOnly(2019, 12, 20), 1)],
            progress.Daily.Select(d => (d.Date, d.Enrolled)));
    }

    [Fact]
    public void Pubei_towns_are_paid_by_the_date_they_completed_their_task_found_from_the_records()
    {
        var records = new List<WorkflowRecord>
        {
            // 泉水镇 (task 3) completes on 2020-01-15 → 1.1 yuan per enrolled person.
            Entitlement("pubei", "Q1", 2020, "2019-11-01", "泉水镇"), Entitlement("pubei", "Q2", 2019 + 1, "2019-12-20", "泉水镇"),
            Entitlement("pubei", "Q3", 2020, "2020-01-15", "泉水镇"), Entitlement("pubei", "Q4", 2020, "2020-05-01", "泉水镇"),
            // 石埭镇 (task 2) completes on 2020-03-10 → 0.5 yuan.
            Entitlement("pubei", "S1", 2020, "2019-10-01", "石埭镇"), Entitlement("pubei", "S2", 2020, "2020-03-10", "石埭镇"),
            // 安石镇 (task 1) never: its only payer was refunded.
            Entitlement("pubei", "A1", 2020, "2019-10-01", "安石镇"), Ended("pubei", "A1", 2020, "2019-10-20"),
            // A payment without a town counts for the county but no town.
            Entitlement("pubei", "X1", 2020, "2019-10-01", null, "poverty_registered"),
        };
        var facts = EnrollmentFact.From(records, 2020);

        var atJanuaryEnd = CampaignProgress.Compute(SmallPubei(), facts, new DateOnly(2020, 1, 31));
        Assert.Equal(new DateOnly(2020, 1, 15), atJanuaryEnd.Towns[0].CompletedOn);
        Assert.Null(atJanuaryEnd.Towns[1].CompletedOn);

        var settled = CampaignProgress.Compute(SmallPubei(), facts, new DateOnly(2020, 12, 31));
        Assert.Equal((new DateOnly(2020, 1, 15), 4, 110, 440L), (settled.Towns[0].CompletedOn, settled.Towns[0].Enrolled, settled.Towns[0].FundingFenPerPerson, settled.Towns[0].FundingFen));
        Assert.Equal((new DateOnly(2020, 3, 10), 2, 50, 100L), (settled.Towns[1].CompletedOn, settled.Towns[1].Enrolled, settled.Towns[1].FundingFenPerPerson, settled.Towns[1].FundingFen));
        Assert.Equal((null, 0, 0L), (settled.Towns[2].CompletedOn, settled.Towns[2].Enrolled, settled.Towns[2].FundingFen));
        Assert.Equal((7, 1), (settled.Enrolled, settled.UnassignedEnrolled));
        Assert.Equal(540L, settled.TownFundingFen);
        Assert.Equal(7 * 30L, settled.BureauFundingFen);
        Assert.Equal(14000, settled.RateBp); // 7 of a task of 5
        Assert.Equal(1, settled.ByIdentity["poverty_registered"]);
    }

    [Fact]
    public void Zhashui_special_groups_are_counted_per_town_against_the_plan_table()
    {
        var plan = CampaignPlan.From("zhashui", 2024, Parameters("zhashui"))!;
        var records = new[]
        {
            Entitlement("zhashui", "Z1", 2024, "2023-10-01", "营盘镇", "tekun"),
            Entitlement("zhashui", "Z2", 2024, "2023-10-02", "营盘镇", "de_facto_orphan"),
            Entitlement("zhashui", "Z3", 2024, "2023-10-03", "营盘镇", "dibao", "monitored"),
            Entitlement("zhashui", "Z4", 2024, "2023-10-04", "曹坪镇"),
        };

        var progress = CampaignProgress.Compute(plan, EnrollmentFact.From(records, 2024), new DateOnly(2023, 12, 20));

        var yingpan = progress.Towns.Single(t => t.Name == "营盘镇");
        Assert.Equal((10598, 3), (yingpan.TaskNumber, yingpan.Enrolled));
        Assert.Equal(new GroupProgress(178, 1), yingpan.SpecialGroups["tekun"]);
        Assert.Equal(new GroupProgress(0, 1), yingpan.SpecialGroups["orphan_and_de_facto_orphan"]);
        Assert.Equal(new GroupProgress(945, 1), yingpan.SpecialGroups["dibao"]);
        Assert.Equal(new GroupProgress(54, 1), yingpan.SpecialGroups["monitored"]);
        Assert.Equal((4, 141257), (progress.Enrolled, progress.TaskNumber));
        Assert.Equal(0L, progress.TownFundingFen);
    }

    [Fact]
    public void The_weekly_report_ranks_towns_by_rate_and_counts_each_weeks_new_enrollments()
    {
        var records = new[]
        {
            Entitlement("pubei", "W1", 2020, "2019-12-02", "石埭镇"), Entitlement("pubei", "W2", 2020, "2019-12-03", "石埭镇"),
            Entitlement("pubei", "W3", 2020, "2019-12-10", "泉水镇"), Entitlement("pubei", "W4", 2020, "2019-12-11", "安石镇"),
        };

        var weeks = WeeklyReport.Build(SmallPubei(), EnrollmentFact.From(records, 2020), new DateOnly(2019, 12, 2), new DateOnly(2019, 12, 15));

        Assert.Equal([new DateOnly(2019, 12, 8), new DateOnly(2019, 12, 15)], weeks.Select(w => w.WeekEnding));
        Assert.Equal([(2, 2), (4, 2)], weeks.Select(w => (w.Enrolled, w.NewThisWeek)));
        Assert.Equal(["石埭镇", "安石镇", "泉水镇"], weeks[0].Towns.Select(t => t.Name));
        Assert.Equal(("石埭镇", 1, 10000), (weeks[0].Towns[0].Name, weeks[0].Towns[0].Rank, weeks[0].Towns[0].RateBp));
        Assert.Equal(("安石镇", 1), (weeks[1].Towns[0].Name, weeks[1].Towns[0].Rank)); // 1 of 1 = 100%, ahead by name of 石埭镇's 2 of 2
        Assert.Equal(("泉水镇", 3, 3333), (weeks[1].Towns[2].Name, weeks[1].Towns[2].Rank, weeks[1].Towns[2].RateBp));
    }

    private static WorkflowRecord Flags(string region, int year, string department, params (int Index, string Id, string Name, string Identity, string Change, string? Town, string? Village, bool Valid)[] rows) =>
        Flags(region, year, department, [], rows);

    private static WorkflowRecord Flags(string region, int year, string department, int[] rejected, params (int Index, string Id, string Name, string Identity, string Change, string? Town, string? Village, bool Valid)[] rows) =>
        new(++_sequence, region, "identity.flags-updated", $"{department}/{year}/x", "f-" + _sequence, new JsonObject
        {
            ["benefitYear"] = year,
            ["department"] = department,
            ["rows"] = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject
            {
                ["index"] = r.Index, ["idNumber"] = r.Id, ["name"] = r.Name, ["identity"] = r.Identity, ["change"] = r.Change, ["recognizedOn"] = "2019-08-01",
                ["valid"] = r.Valid, ["effectiveYear"] = year, ["town"] = r.Town, ["village"] = r.Village,
            })]),
            ["flagged"] = new JsonObject { ["rows"] = new JsonArray([.. rejected.Select(i => (JsonNode)new JsonObject { ["index"] = i, ["decision"] = "reject", ["reason"] = "不符" })]) },
        }, DateTimeOffset.Parse("2019-09-01T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private static WorkflowRecord InVillage(WorkflowRecord entitlement, string village)
    {
        entitlement.Payload["village"] = village;
        return entitlement;
    }

    [Fact]
    public void The_notice_ranks_towns_with_gap_and_weekly_change_marks_the_lagging_and_the_worklist_names_who_of_the_lists_is_not_enrolled()
    {
        // One small Pubei season (plan: 泉水镇 3, 石埭镇 2, 安石镇 1; 001 八(五) 定期通报; 001 一 建档立卡 100%).
        var records = new List<WorkflowRecord>
        {
            InVillage(Entitlement("pubei", "P1", 2020, "2019-12-02", "泉水镇", "poverty_registered"), "旺盛村"),
            InVillage(Entitlement("pubei", "P2", 2020, "2019-12-03", "泉水镇"), "旺盛村"),
            Entitlement("pubei", "P2", 2020, "2019-12-04", "泉水镇"), // the same payment again: one person
            InVillage(Entitlement("pubei", "S1", 2020, "2019-12-10", "石埭镇", "tekun"), "石埭村"),
            InVillage(Entitlement("pubei", "S2", 2020, "2019-12-11", "石埭镇"), "新华村"),
            InVillage(Entitlement("pubei", "A1", 2020, "2019-12-12", "安石镇", "poverty_registered"), "安石村"),
            Ended("pubei", "A1", 2020, "2019-12-14"), // refunded: 安石镇 is back to nobody
            Flags("pubei", 2020, "rural_revitalization", [4],
                (1, "P1", "甲", "poverty_registered", "add", "泉水镇", "旺盛村", true),
                (2, "A1", "乙", "poverty_registered", "add", "安石镇", "安石村", true),
                (3, "Q9", "丙", "poverty_registered", "add", "泉水镇", "那新村", true),
                (4, "Q8", "丁", "poverty_registered", "add", "泉水镇", "那新村", true),   // rejected by the agency
                (5, "BAD", "戊", "poverty_registered", "add", "泉水镇", null, false)),  // an invalid row
            Flags("pubei", 2020, "civil_affairs",
                (1, "S1", "己", "tekun", "add", "石埭镇", "石埭村", true),
                (2, "S7", "庚", "tekun", "add", "石埭镇", "新华村", true)),
            Flags("pubei", 2020, "civil_affairs", (1, "S7", "庚", "tekun", "remove", "石埭镇", "新华村", true)), // taken off the list again
        };
        var facts = EnrollmentFact.From(records, 2020);

        var weeks = WeeklyReport.Build(SmallPubei(), facts, new DateOnly(2019, 12, 8), new DateOnly(2019, 12, 15));
        Assert.Equal([new DateOnly(2019, 12, 8), new DateOnly(2019, 12, 15)], weeks.Select(w => w.WeekEnding));
        var second = weeks[1];
        Assert.Equal((4, 2, 8000), (second.Enrolled, second.NewThisWeek, second.RateBp)); // 4 of 5; S1, S2 new; A1 came and went
        Assert.Equal(["石埭镇", "泉水镇", "安石镇"], second.Towns.Select(t => t.Name));
        var shidai = second.Towns[0];
        Assert.Equal((1, 2, 10000, 0, 2, false, new DateOnly(2019, 12, 11)), (shidai.Rank, shidai.Enrolled, shidai.RateBp, shidai.Gap, shidai.ChangeSinceLastWeek, shidai.Lagging, shidai.CompletedOn!.Value));
        var quanshui = second.Towns[1];
        Assert.Equal((2, 6667, 1, 0, true), (quanshui.Enrolled, quanshui.RateBp, quanshui.Gap, quanshui.ChangeSinceLastWeek, quanshui.Lagging)); // below the county's 80%
        var anshi = second.Towns[2];
        Assert.Equal((0, 1, 0, true), (anshi.Enrolled, anshi.Gap, anshi.ChangeSinceLastWeek, anshi.Lagging));
        Assert.False(weeks[0].Towns.Single(t => t.Name == "泉水镇").Lagging); // week 1: 2 of 3 is above the county's 2 of 5

        var bottomThird = WeeklyReport.Build(SmallPubei() with { LaggingRule = CampaignPlan.BottomThird }, facts, new DateOnly(2019, 12, 15), new DateOnly(2019, 12, 15))[0];
        Assert.Equal(["安石镇"], bottomThird.Towns.Where(t => t.Lagging).Select(t => t.Name));

        var villages = VillageSummary.Build(SmallPubei(), facts, new DateOnly(2019, 12, 15));
        var quanshuiVillages = villages.Single(v => v.Town == "泉水镇");
        Assert.Equal([("旺盛村", 2, 0)], quanshuiVillages.Villages.Select(v => (v.Village, v.Enrolled, v.NewThisWeek)));
        Assert.Equal(1, quanshuiVillages.Villages[0].ByIdentity["poverty_registered"]);
        Assert.Equal([("新华村", 1, 1), ("石埭村", 1, 1)], villages.Single(v => v.Town == "石埭镇").Villages.Select(v => (v.Village, v.Enrolled, v.NewThisWeek)));

        var lists = SpecialGroupWorklist.Lists(records, 2020);
        Assert.Equal(["A1", "P1", "Q9", "S1"], lists.Select(l => l.IdNumber).Order(StringComparer.Ordinal));
        var notEnrolled = SpecialGroupWorklist.NotEnrolled(lists, facts, 2020, new DateOnly(2019, 12, 15));
        Assert.Equal([("Q9", "泉水镇", "那新村"), ("A1", "安石镇", "安石村")], notEnrolled.Select(p => (p.IdNumber, p.Town!, p.Village!)).OrderByDescending(p => p.Item1));
        Assert.Equal(["Q9"], SpecialGroupWorklist.NotEnrolled(lists, facts, 2020, new DateOnly(2019, 12, 15), town: "泉水镇").Select(p => p.IdNumber));
        Assert.Empty(SpecialGroupWorklist.NotEnrolled(lists, facts, 2020, new DateOnly(2019, 12, 15), identities: ["tekun"]));
        var coverage = SpecialGroupWorklist.Coverage(lists, facts, 2020, new DateOnly(2019, 12, 15));
        Assert.Equal([("poverty_registered", 3, 1, 3333), ("tekun", 1, 1, 10000)], coverage.Select(c => (c.Identity, c.Listed, c.Enrolled, c.RateBp)));
        Assert.Equal(2, SpecialGroupWorklist.Coverage(lists, facts, 2020, new DateOnly(2019, 12, 13)).Single(c => c.Identity == "poverty_registered").Enrolled); // A1 before the refund
    }

    [Fact]
    public void A_towns_own_plan_counts_its_task_alone_and_an_unknown_lagging_reading_is_refused_by_name()
    {
        var plan = CampaignPlan.From("pubei", 2020, Parameters("pubei"))!;
        Assert.Equal(CampaignPlan.BelowCountyRate, plan.LaggingRule);
        Assert.Equal(new DateOnly(2020, 2, 29), plan.CollectionEnds);
        var own = plan.ForTown("泉水镇")!;
        Assert.Equal((1, 24800, 0), (own.Towns.Count, own.TotalTaskNumber, own.Funding!.BureauFenPerPerson));
        Assert.Null(plan.ForTown("不存在镇"));
        Assert.Equal(31, CampaignProgress.Compute(plan, [], new DateOnly(2020, 1, 29)).DaysLeft);
        Assert.Equal(9500, CampaignProgress.Compute(plan, [], new DateOnly(2020, 1, 29)).TargetRateBp);

        var parameters = Parameters("pubei");
        parameters["years"]!["2020"]!["campaign"]!["laggingRule"]!["value"] = "worst_five";
        var error = Assert.Throws<FormatException>(() => CampaignPlan.From("pubei", 2020, parameters));
        Assert.Contains("pubei/2020/campaign/laggingRule 'worst_five'", error.Message);
    }
}
