using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Policy.Identity;

namespace ResidentInsurance.Persistence.Tests.Scenarios;

/// <summary>
/// Each region's four shipped processes, end to end on SQLite, with the departments' tasks completed by the
/// test: enrollment (register → pay → entitlement, across a restart), identity change, subsidy approval, refund;
/// and Liuzhou's student roster. The policy cases hold the clause-by-clause numbers; these hold the routing.
/// </summary>
public sealed class RegionProcessTests
{
    private static readonly DateTimeOffset Now = new(2024, 1, 2, 1, 0, 0, TimeSpan.Zero);

    /// <summary>An 18-character ID number with a valid GB 11643 check digit.</summary>
    internal static string Id(string area, string birthDate, int sequence)
    {
        var first17 = area + birthDate.Replace("-", "", StringComparison.Ordinal) + sequence.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
        return first17 + ResidentIdNumber.ComputeCheckDigit(first17);
    }

    private static JsonObject Case(string region, int year, string action, string area, string birthDate, string name, string paidOn, params (string Code, string? RecognizedOn)[] identities)
    {
        var person = new JsonObject
        {
            ["idNumber"] = Id(area, birthDate, 17),
            ["name"] = name,
            ["birthDate"] = birthDate,
            ["identities"] = new JsonArray([.. identities.Select(i => (JsonNode)new JsonObject { ["code"] = i.Code, ["recognizedOn"] = i.RecognizedOn })]),
            ["liftedYear"] = null,
            ["dischargedOn"] = null,
            ["employeeInsuranceEndedOn"] = null,
            ["yearsUninsured"] = 0,
            ["firstEnrollment"] = false,
        };
        return new JsonObject
        {
            ["region"] = region, ["benefitYear"] = year, ["action"] = action, ["person"] = person, ["paidOn"] = paidOn,
            ["paidAmount"] = null, ["requestedOn"] = null, ["refundReason"] = null,
        };
    }

    private static RegionHarness Harness(string region) => new(Now);

    /// <summary>
    /// Liuzhou leaves full / differential open per identity (000 四(三)): for Liuzhou the test plays a bureau that
    /// set the identity to full; the other regions run on the shipped parameters.
    /// </summary>
    private static RegionHarness HarnessWithLiuzhouFull(string region, string path) =>
        region != "liuzhou" ? new RegionHarness(Now) : new RegionHarness(Now, dir => RegionHarness.SetParameter(dir, region, path, "full"));

    [Theory]
    [InlineData("guizhou", 2021, "520102", "1985-03-15", "2021-01-05", 28000, "2021-01-01")]
    [InlineData("zhashui", 2024, "611026", "1990-08-08", "2024-03-10", 38000, "2024-04-01")]
    [InlineData("pubei", 2020, "450722", "1978-05-10", "2020-03-01", 25000, "2020-04-01")]
    [InlineData("liuzhou", 2021, "450202", "1982-01-05", "2020-10-10", 28000, "2021-01-01")]
    public async Task Enrollment_registers_waits_for_the_tax_notice_across_a_restart_and_records_the_benefit_period(
        string region, int year, string area, string birthDate, string paidOn, long amountFen, string benefitStart)
    {
        using var h = Harness(region);
        await h.LoadAsync();
        var input = Case(region, year, "enroll", area, birthDate, "张三", paidOn);
        var started = await h.StartAsync($"{region}-enrollment", input);
        Assert.Equal(WorkflowStatus.Suspended, started.Status);
        Assert.Equal(amountFen, started.Variables["policyResult"]!["amountDueFen"]!.GetValue<long>());

        h.Restart();
        var idNumber = input["person"]!["idNumber"]!.GetValue<string>();
        var paid = await h.PayAsync(region, idNumber, year, paidOn, amountFen, $"tax-{region}-1");
        Assert.Equal((ResumeOutcome.Resumed, WorkflowStatus.Finished), (paid.Outcome, paid.Status));
        Assert.Equal(ResumeOutcome.AlreadyHandled, (await h.PayAsync(region, idNumber, year, paidOn, amountFen, $"tax-{region}-1")).Outcome);

        var entitlement = await h.PublishedAsync(started.Id, "entitlement.recorded");
        Assert.Equal(benefitStart, entitlement["benefitStart"]!.GetValue<string>());
        Assert.Equal($"{year}-12-31", entitlement["benefitEnd"]!.GetValue<string>());
        Assert.Equal(region, entitlement["region"]!.GetValue<string>());

        h.Restart();
        var record = Assert.Single(await h.Host.Instances.ListRecordsAsync(new RecordQuery(region, "entitlement.recorded", idNumber + "/")));
        Assert.Equal((started.Id, benefitStart), (record.InstanceId, record.Payload["benefitStart"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("guizhou", 2021, "520102", "2010-06-01", "2021-01-05", "orphan", "medical_insurance_agency")]
    [InlineData("zhashui", 2024, "611026", "1950-07-21", "2023-09-15", "tekun", "medical_insurance_agency")]
    [InlineData("pubei", 2020, "450722", "1955-11-16", "2019-12-10", "poverty_registered", "medical_insurance_agency")]
    [InlineData("liuzhou", 2021, "450202", "1968-08-12", "2020-11-01", "family_planning", "health")]
    public async Task A_full_subsidy_is_paid_by_the_department_that_proxies_it_and_no_tax_notice_is_awaited(
        string region, int year, string area, string birthDate, string paidOn, string identity, string payer)
    {
        using var h = HarnessWithLiuzhouFull(region, $"years/{year}/subsidies/{identity}/kind");
        await h.LoadAsync();
        var started = await h.StartAsync($"{region}-enrollment", Case(region, year, "enroll", area, birthDate, "李四", paidOn, (identity, "2015-01-01")));

        Assert.DoesNotContain(await h.Host.Instances.ListBookmarksAsync(started.Id), b => b.Name == "tax.payment-notice");
        var done = await h.CompleteAsync(started.Id, payer, "已代缴");

        Assert.Equal(WorkflowStatus.Finished, done.Status);
        var entitlement = await h.PublishedAsync(started.Id, "entitlement.recorded");
        Assert.Equal(0, entitlement["amountDueFen"]!.GetValue<long>());
        Assert.Equal(identity, entitlement["subsidy"]!["identity"]!.GetValue<string>());
    }

    public static TheoryData<string, int, string, string, string, string, long?> IdentityChanges() => new()
    {
        // region, year, department, identity, recognizedOn, submittedOn, pay-back in fen (null: no pay-back step)
        { "guizhou", 2021, "civil_affairs", "dibao", "2021-05-10", "2021-05-20", 12000 },
        { "zhashui", 2024, "civil_affairs", "dibao", "2023-10-10", "2023-10-16", 19000 },
        { "pubei", 2020, "rural_revitalization", "poverty_registered", "2020-02-10", "2020-02-20", 25000 },
        { "liuzhou", 2021, "civil_affairs", "dibao", "2021-03-05", "2021-04-08", null },
    };

    [Theory]
    [MemberData(nameof(IdentityChanges))]
    public async Task Identity_change_goes_department_to_agency_and_back_with_a_correction_round_and_pays_back_who_paid_in_full(
        string region, int year, string department, string identity, string recognizedOn, string submittedOn, long? payBackFen)
    {
        using var h = Harness(region);
        await h.LoadAsync();
        var input = new JsonObject
        {
            ["region"] = region, ["benefitYear"] = year, ["department"] = department, ["submittedOn"] = submittedOn,
            ["changes"] = new JsonArray(
                new JsonObject { ["idNumber"] = Id("610101", "1970-01-20", 31), ["name"] = "王一", ["identity"] = identity, ["change"] = "add", ["recognizedOn"] = recognizedOn, ["paidInFull"] = true },
                new JsonObject { ["idNumber"] = Id("610101", "1971-02-21", 32), ["name"] = "王二", ["identity"] = identity, ["change"] = "remove", ["recognizedOn"] = recognizedOn },
                new JsonObject { ["idNumber"] = "610101197103220330", ["name"] = "王三", ["identity"] = identity, ["change"] = "add", ["recognizedOn"] = recognizedOn }),
        };
        var started = await h.StartAsync($"{region}-identity-change", input);
        var plan = started.Variables["plan"]!;
        Assert.Equal(3, plan["rows"]!.AsArray().Count);
        Assert.Contains("校验位", plan["rows"]![2]!["problem"]!.GetValue<string>());
        Assert.Equal(payBackFen is null ? 0 : 1, plan["payBack"]!.AsArray().Count);

        await h.CompleteAsync(started.Id, "medical_insurance_agency", "退回部门", [new JsonObject { ["index"] = 3, ["decision"] = "reject", ["reason"] = "身份证号码有误" }]);
        await h.CompleteAsync(started.Id, department, "已更正");
        await h.CompleteAsync(started.Id, "medical_insurance_agency", "已标识");
        var afterConfirm = await h.CompleteAsync(started.Id, department, "确认");
        if (payBackFen is not null)
        {
            var task = await h.OpenTaskAsync(started.Id);
            Assert.Equal(payBackFen, task["roster"]![0]!["payBackFen"]!.GetValue<long>());
            afterConfirm = await h.CompleteAsync(started.Id, "medical_insurance_agency", "已发放");
        }

        Assert.Equal(WorkflowStatus.Finished, afterConfirm.Status);
        var updated = await h.PublishedAsync(started.Id, "identity.flags-updated");
        Assert.Equal(department, updated["department"]!.GetValue<string>());
        Assert.Equal("确认", updated["confirmed"]!["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task Liuzhou_identity_change_deadlines_are_the_12th_for_the_list_and_the_15th_for_the_confirmation()
    {
        using var h = Harness("liuzhou");
        await h.LoadAsync();
        var started = await h.StartAsync("liuzhou-identity-change", new JsonObject
        {
            ["region"] = "liuzhou", ["benefitYear"] = 2021, ["department"] = "civil_affairs", ["submittedOn"] = "2021-04-08",
            ["changes"] = new JsonArray(new JsonObject { ["idNumber"] = Id("450202", "1966-05-09", 41), ["name"] = "韦一", ["identity"] = "dibao", ["change"] = "add", ["recognizedOn"] = "2021-03-05" }),
        });

        var plan = started.Variables["plan"]!;
        Assert.Equal("2021-04-12", plan["rows"]![0]!["listDeadline"]!.GetValue<string>());
        Assert.Equal("2021-04-15", plan["confirmDeadline"]!.GetValue<string>());
        Assert.Contains("liuzhou/2021/subsidies/dibao/kind", plan["missingParameters"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task Zhashui_lists_are_due_five_working_days_after_recognition_and_recognitions_in_the_benefit_year_count_for_the_next()
    {
        using var h = Harness("zhashui");
        await h.LoadAsync();
        var started = await h.StartAsync("zhashui-identity-change", new JsonObject
        {
            ["region"] = "zhashui", ["benefitYear"] = 2024, ["department"] = "civil_affairs", ["submittedOn"] = "2023-10-16",
            ["changes"] = new JsonArray(
                new JsonObject { ["idNumber"] = Id("611026", "1966-05-09", 41), ["name"] = "甲", ["identity"] = "dibao", ["change"] = "add", ["recognizedOn"] = "2023-10-13" },
                new JsonObject { ["idNumber"] = Id("611026", "1967-05-09", 42), ["name"] = "乙", ["identity"] = "tekun", ["change"] = "add", ["recognizedOn"] = "2024-03-01" }),
        });

        var rows = started.Variables["plan"]!["rows"]!.AsArray();
        Assert.Equal("2023-10-20", rows[0]!["listDeadline"]!.GetValue<string>()); // Friday 13th + 5 weekdays
        Assert.Equal(2024, rows[0]!["effectiveYear"]!.GetValue<int>());
        Assert.Equal(2025, rows[1]!["effectiveYear"]!.GetValue<int>());
        Assert.Contains("zhashui/2024/workingDayCalendar", started.Variables["plan"]!["missingParameters"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    public static TheoryData<string, int, string, string, string, string, string, string, string, long> SubsidyApprovals() => new()
    {
        // region, year, area, birth, paidOn, identity, approver, paying step outcome, paying department, amount
        { "guizhou", 2021, "520102", "1972-09-30", "2021-01-05", "dibao", "civil_affairs", "已标识", "medical_insurance_agency", 12000 },
        { "zhashui", 2024, "611026", "1950-07-21", "2023-09-15", "tekun", "civil_affairs", "已代缴", "medical_insurance_agency", 38000 },
        { "pubei", 2020, "450722", "1957-01-18", "2019-12-10", "poverty_lifted", "rural_revitalization", "已发放", "town", 15000 },
        { "liuzhou", 2021, "450202", "1968-08-12", "2020-11-01", "severe_disability", "disabled_federation", "已代缴", "disabled_federation", 28000 },
    };

    [Theory]
    [MemberData(nameof(SubsidyApprovals))]
    public async Task Subsidy_approval_runs_certifying_department_then_finance_then_the_paying_department(
        string region, int year, string area, string birthDate, string paidOn, string identity, string approver, string payOutcome, string payer, long amountFen)
    {
        using var h = HarnessWithLiuzhouFull(region, $"years/{year}/subsidies/{identity}/kind");
        await h.LoadAsync();
        var input = Case(region, year, "enroll", area, birthDate, "赵六", paidOn, (identity, "2017-11-01"));
        input["person"]!["liftedYear"] = identity == "poverty_lifted" ? 2017 : null;
        var started = await h.StartAsync($"{region}-subsidy-approval", input);
        Assert.Equal(amountFen, started.Variables["approval"]!["amountFen"]!.GetValue<long>());

        await h.CompleteAsync(started.Id, approver, "同意");
        await h.CompleteAsync(started.Id, "finance", "已拨付");
        var done = await h.CompleteAsync(started.Id, payer, payOutcome);

        Assert.Equal(WorkflowStatus.Finished, done.Status);
        var approved = await h.PublishedAsync(started.Id, "subsidy.approved");
        Assert.Equal((identity, amountFen), (approved["identity"]!.GetValue<string>(), approved["amountFen"]!.GetValue<long>()));
    }

    public static IEnumerable<object?[]> Refunds() =>
    [
        // region, year, area, birth, identity (or ""), recognizedOn, paidOn|requestedOn, reason, refunding department (null: agency review only), event, amount
        ["guizhou", 2021, "520102", "1972-09-30", "dibao", "2021-06-01", "2021-05-01|2021-06-10", "subsidy_after_recognition", null, "refund.approved", 12000L],
        ["zhashui", 2024, "611026", "1940-07-17", "", "", "2023-10-10|2023-12-05", "death", "tax", "enrollment.ended", 38000L],
        ["pubei", 2020, "450722", "1972-12-29", "poverty_registered", "2020-03-01", "2020-02-15|2020-03-05", "subsidy_after_recognition", "medical_insurance_agency", "subsidy.paid-back", 25000L],
        ["liuzhou", 2021, "450202", "1975-07-23", "dibao", "2021-02-10", "2020-11-01|2021-02-20", "subsidy_after_recognition", "medical_insurance_agency", "subsidy.paid-back", 28000L],
    ];

    [Theory]
    [MemberData(nameof(Refunds))]
    public async Task Refund_is_reviewed_by_the_agency_and_paid_by_the_refunding_department(
        string region, int year, string area, string birthDate, string identity, string recognizedOn, string dates, string reason, string? refunder, string eventName, long amountFen)
    {
        using var h = HarnessWithLiuzhouFull(region, $"years/{year}/subsidies/dibao/kind");
        await h.LoadAsync();
        var paidOn = dates.Split('|')[0];
        var input = identity.Length == 0
            ? Case(region, year, "refund", area, birthDate, "孙一", paidOn)
            : Case(region, year, "refund", area, birthDate, "孙一", paidOn, (identity, recognizedOn));
        input["requestedOn"] = dates.Split('|')[1];
        input["refundReason"] = reason;
        var started = await h.StartAsync($"{region}-refund", input);
        Assert.True(started.Variables["policyResult"]!["accepted"]!.GetValue<bool>(), started.Variables["policyResult"]!["message"]!.GetValue<string>());

        var done = await h.CompleteAsync(started.Id, "medical_insurance_agency", region == "guizhou" ? "同意" : "审核通过");
        if (refunder is not null)
        {
            done = await h.CompleteAsync(started.Id, refunder, "已退费");
        }

        Assert.Equal(WorkflowStatus.Finished, done.Status);
        Assert.Equal(amountFen, (await h.PublishedAsync(started.Id, eventName))["refundAmountFen"]!.GetValue<long>());
    }

    [Fact]
    public async Task Liuzhou_students_roster_goes_school_agency_school_tax_and_only_paid_students_get_cover()
    {
        using var h = Harness("liuzhou");
        await h.LoadAsync();
        var paidStudent = Id("450202", "2008-03-01", 51);
        var lateStudent = Id("450202", "2008-04-02", 52);
        var started = await h.StartAsync("liuzhou-student-enrollment", new JsonObject
        {
            ["school"] = "柳州市第一中学", ["benefitYear"] = 2021,
            ["students"] = new JsonArray(
                new JsonObject { ["idNumber"] = paidStudent, ["name"] = "学生甲", ["birthDate"] = "2008-03-01" },
                new JsonObject { ["idNumber"] = lateStudent, ["name"] = "学生乙", ["birthDate"] = "2008-04-02" },
                new JsonObject { ["idNumber"] = "450202200805030539", ["name"] = "学生丙", ["birthDate"] = "2008-05-03" },
                new JsonObject { ["idNumber"] = Id("450202", "2008-06-04", 54), ["name"] = "学生丁", ["birthDate"] = "2008-06-04", ["identities"] = new JsonArray("dibao") }),
        });
        var roster = started.Variables["roster"]!;
        Assert.Equal(2, roster["registered"]!.AsArray().Count);
        Assert.Contains("与家庭一起", roster["corrections"]![1]!["problem"]!.GetValue<string>());

        await h.CompleteAsync(started.Id, "medical_insurance_agency", "需学校更正");
        await h.CompleteAsync(started.Id, "school", "已重新报送");
        await h.CompleteAsync(started.Id, "medical_insurance_agency", "登记无误");
        Assert.Equal(2, (await h.PublishedAsync(started.Id, "student-roster.verified"))["students"]!.AsArray().Count);
        Assert.Equal("2020-12-31", (await h.OpenTaskAsync(started.Id))["deadline"]!.GetValue<string>());
        await h.CompleteAsync(started.Id, "school", "已通知");

        var batch = await h.Host.Runtime.ResumeAsync(ResumeRequest.ForEvent("liuzhou", "tax.payment-batch", "柳州市第一中学/2021", "tax-batch-1", new JsonObject
        {
            ["paid"] = new JsonArray(
                new JsonObject { ["idNumber"] = paidStudent, ["paidOn"] = "2020-12-20" },
                new JsonObject { ["idNumber"] = lateStudent, ["paidOn"] = "2021-01-05" }),
        }));
        Assert.Equal((ResumeOutcome.Resumed, WorkflowStatus.Finished), (batch.Outcome, batch.Status));
        var entitlement = await h.PublishedAsync(started.Id, "entitlement.recorded");
        Assert.Equal([paidStudent], entitlement["students"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(("2021-01-01", "2021-12-31"), (entitlement["benefitStart"]!.GetValue<string>(), entitlement["benefitEnd"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("guizhou", 2021, "520102", "1985-03-15", "2021-01-05", 28000)]
    [InlineData("zhashui", 2024, "611026", "1990-08-08", "2024-03-10", 38000)]
    [InlineData("pubei", 2020, "450722", "1978-05-10", "2020-03-01", 25000)]
    [InlineData("liuzhou", 2021, "450202", "1982-01-05", "2020-10-10", 28000)]
    public async Task A_payment_short_of_the_amount_due_is_held_for_the_agency_and_returned_not_entitled(
        string region, int year, string area, string birthDate, string paidOn, long amountFen)
    {
        using var h = Harness(region);
        await h.LoadAsync();
        var input = Case(region, year, "enroll", area, birthDate, "钱七", paidOn);
        var started = await h.StartAsync($"{region}-enrollment", input);

        var paid = await h.PayAsync(region, input["person"]!["idNumber"]!.GetValue<string>(), year, paidOn, amountFen - 100, $"tax-{region}-short");
        Assert.Equal((ResumeOutcome.Resumed, WorkflowStatus.Suspended), (paid.Outcome, paid.Status));
        Assert.Contains("缴费不足额", (await h.OpenTaskAsync(started.Id))["title"]!.GetValue<string>());

        var done = await h.CompleteAsync(started.Id, "medical_insurance_agency", "退回税务退费");
        Assert.Equal(WorkflowStatus.Finished, done.Status);
        Assert.Equal(amountFen, (await h.PublishedAsync(started.Id, "payment.returned"))["amountDueFen"]!.GetValue<long>());
        Assert.Empty(await h.Host.Instances.ListRecordsAsync(new RecordQuery(region, "entitlement.recorded")));
    }
}
