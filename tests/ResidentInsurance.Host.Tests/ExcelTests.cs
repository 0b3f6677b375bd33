using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using MiniExcelLibs;
using ResidentInsurance.Engine.Definitions;

namespace ResidentInsurance.Host.Tests;

/// <summary>
/// Rosters in Excel: a good 民政 roster becomes an identity change; one bad row refuses the whole file, naming the
/// row; a task's list and the campaign settlement come out as .xlsx with the departments' headers and totals.
/// </summary>
public sealed class ExcelTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ri-excel-");
    private readonly WebApplicationFactory<Program> _factory;

    public ExcelTests()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Workflows", $"Data Source={Path.Combine(_folder.FullName, "excel.db")}");
            b.UseSetting("Engine:WorkflowsDirectory", PlatformHome.FindWorkflows(null, AppContext.BaseDirectory)!);
            b.UseSetting("Engine:RunBackgroundServices", "false");
            b.UseSetting("Access:PasswordIterations", "1000");
        });
    }

    public void Dispose()
    {
        _factory.Dispose();
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private static ByteArrayContent Workbook(params object[] rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows, sheetName: "花名册");
        var content = new ByteArrayContent(stream.ToArray());
        content.Headers.ContentType = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return content;
    }

    private async Task<HttpClient> LoginAsync(string userName)
    {
        var client = _factory.CreateClient();
        (await client.SignInAsync(userName)).EnsureSuccessStatusCode();
        return client;
    }

    [Fact]
    public async Task A_good_roster_starts_an_identity_change_and_one_bad_checksum_refuses_the_whole_file()
    {
        var civil = await LoginAsync("zhashui.civil_affairs");
        var good = new[] { CampaignTests.Id("611026", "1966-05-09", 11), CampaignTests.Id("611026", "1967-06-10", 12) };
        var bad = good[1][..17] + (good[1][17] == '0' ? '1' : '0');

        var refused = await civil.PostAsync("/api/rosters/identity-changes?benefitYear=2024", Workbook(
            new { 序号 = 1, 姓名 = "张低保", 身份证号码 = good[0], 人员类别 = "低保对象", 认定日期 = "2023-10-10", 增减类型 = "新增", 备注 = "" },
            new { 序号 = 2, 姓名 = "李低保", 身份证号码 = bad, 人员类别 = "低保对象", 认定日期 = "2023-10-11", 增减类型 = "新增", 备注 = "" },
            new { 序号 = 3, 姓名 = "王某", 身份证号码 = good[0], 人员类别 = "外星人", 认定日期 = "2023-02-30", 增减类型 = "新增", 备注 = "" }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["errors"]!.AsArray();
        Assert.Contains(errors, e => e!["row"]!.GetValue<int>() == 3 && e["column"]!.GetValue<string>() == "身份证号码");
        Assert.Contains(errors, e => e!["row"]!.GetValue<int>() == 4 && e["message"]!.GetValue<string>().Contains("与第 2 行重复"));
        Assert.Contains(errors, e => e!["row"]!.GetValue<int>() == 4 && e["column"]!.GetValue<string>() == "人员类别");
        Assert.Contains(errors, e => e!["row"]!.GetValue<int>() == 4 && e["column"]!.GetValue<string>() == "认定日期");
        var agency = await LoginAsync("zhashui.medical_insurance_agency");
        Assert.Empty(JsonNode.Parse(await agency.GetStringAsync("/api/tasks"))!["tasks"]!.AsArray()); // nothing was started

        Assert.Equal(HttpStatusCode.BadRequest, (await civil.PostAsync("/api/rosters/identity-changes?benefitYear=2024", new ByteArrayContent([1, 2, 3]))).StatusCode);

        var imported = JsonNode.Parse(await (await civil.PostAsync("/api/rosters/identity-changes?benefitYear=2024", Workbook(
            new { 序号 = 1, 姓名 = "张低保", 身份证号码 = good[0], 人员类别 = "低保对象", 认定日期 = "2023-10-10", 增减类型 = "新增", 备注 = "" },
            new { 序号 = 2, 姓名 = "李监测", 身份证号码 = good[1], 人员类别 = "监测户", 认定日期 = "2023/10/11", 增减类型 = "", 备注 = "乡村振兴局核准" }))).Content.ReadAsStringAsync())!;
        Assert.Equal(2, imported["rows"]!.GetValue<int>());

        var task = JsonNode.Parse(await agency.GetStringAsync("/api/tasks"))!["tasks"]!.AsArray().Single()!;
        var export = await agency.GetAsync($"/api/tasks/{task["taskId"]}/roster.xlsx");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using var sheet = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        var rows = sheet.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(["序号", "姓名", "身份证号码", "人员类别", "认定日期", "应缴金额（元）", "补发金额（元）", "备注"], rows[0].Keys);
        Assert.Equal(["张低保", "李监测"], rows.Select(r => r["姓名"]!.ToString()));
        Assert.Equal("低保对象", rows[0]["人员类别"]!.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, (await civil.GetAsync($"/api/tasks/{task["taskId"]}/roster.xlsx")).StatusCode);
    }

    [Fact]
    public async Task The_settlement_sheet_lists_the_17_towns_with_the_totals_and_the_bureaus_share()
    {
        var clerk = await LoginAsync("pubei.medical_insurance_agency");
        var response = await clerk.GetAsync("/api/campaign/pubei/2020/settlement.xlsx?asOf=2020-06-30");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var sheet = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = sheet.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(["序号", "镇（街道）", "任务数", "已参保缴费人数", "完成率（%）", "完成任务日期", "经费标准（元/人）", "工作经费（元）"], rows[0].Keys);
        Assert.Equal(19, rows.Count);
        Assert.Equal("合计", rows[17]["镇（街道）"]!.ToString());
        Assert.Equal(825000d, Convert.ToDouble(rows[17]["任务数"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("医疗保障部门", rows[18]["镇（街道）"]!.ToString());
    }

    private static object Enrollment(string idNumber, string name, string birthDate, params string[] identities) => new
    {
        definitionId = "zhashui-enrollment",
        input = new
        {
            region = "zhashui", benefitYear = 2024, action = "enroll", paidOn = "2023-09-15", town = "营盘镇",
            person = new { idNumber, name, birthDate, identities = identities.Select(code => new { code, recognizedOn = "2015-01-01" }) },
        },
    };

    private static async Task<List<IDictionary<string, object?>>> SheetAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var sheet = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        return sheet.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
    }

    private static decimal Money(object? cell) => Convert.ToDecimal(cell, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_payable_list_holds_the_open_proxy_payments_and_the_paid_list_what_was_recorded_each_department_seeing_its_own()
    {
        var agency = await LoginAsync("zhashui.medical_insurance_agency");
        var tekun = CampaignTests.Id("611026", "1950-07-21", 51);
        var ordinary = CampaignTests.Id("611026", "1980-03-02", 52);
        (await agency.PostAsJsonAsync("/api/instances", Enrollment(tekun, "王特困", "1950-07-21", "tekun"))).EnsureSuccessStatusCode();
        (await agency.PostAsJsonAsync("/api/instances", Enrollment(ordinary, "赵居民", "1980-03-02"))).EnsureSuccessStatusCode();

        // 003 四(一): 特困 are paid in full by proxy — a payable row for the agency, none for 民政.
        var payable = await SheetAsync(await agency.GetAsync("/api/lists/zhashui/2024/payable.xlsx"));
        Assert.Equal(["序号", "姓名", "身份证号码", "人员类别", "事项", "应付金额（元）", "办理期限", "备注"], payable[0].Keys);
        Assert.Equal(2, payable.Count);
        Assert.Equal(("王特困", tekun, "特困人员", "全额资助代缴"), (payable[0]["姓名"]!.ToString(), payable[0]["身份证号码"]!.ToString(), payable[0]["人员类别"]!.ToString(), payable[0]["事项"]!.ToString()));
        var due = Money(payable[0]["应付金额（元）"]);
        Assert.True(due > 0);
        Assert.Equal(("合计", due), (payable[1]["姓名"]!.ToString(), Money(payable[1]["应付金额（元）"])));
        var civil = await LoginAsync("zhashui.civil_affairs");
        Assert.Single(await SheetAsync(await civil.GetAsync("/api/lists/zhashui/2024/payable.xlsx")));

        // The agency pays and completes the task; the tax department reports the other person's payment.
        var task = JsonNode.Parse(await agency.GetStringAsync("/api/tasks"))!["tasks"]!.AsArray().Single()!;
        (await agency.PostAsync($"/api/tasks/{task["taskId"]}/claim", null)).EnsureSuccessStatusCode();
        (await agency.PostAsJsonAsync($"/api/tasks/{task["taskId"]}/complete", new { outcome = "已代缴" })).EnsureSuccessStatusCode();
        var feed = _factory.CreateClient();
        feed.DefaultRequestHeaders.Add("X-Api-Key", "demo-zhashui-tax-key");
        var notice = new { region = "zhashui", notices = new[] { new { idNumber = ordinary, benefitYear = 2024, amountFen = 38000, paidOn = "2023-10-10", channel = "12366", transactionId = "TX-LIST-1" } } };
        (await feed.PostAsJsonAsync("/api/tax/payment-notices", notice)).EnsureSuccessStatusCode();
        (await feed.PostAsJsonAsync("/api/tax/payment-notices", notice)).EnsureSuccessStatusCode(); // a re-delivery is one payment

        Assert.Single(await SheetAsync(await agency.GetAsync("/api/lists/zhashui/2024/payable.xlsx")));
        var paid = await SheetAsync(await agency.GetAsync("/api/lists/zhashui/2024/paid.xlsx"));
        Assert.Equal(["序号", "姓名", "身份证号码", "人员类别", "镇（街道）", "村（社区）", "缴费方式", "缴费金额（元）", "资助金额（元）", "缴费日期", "备注"], paid[0].Keys);
        Assert.Equal(3, paid.Count);
        var byName = paid.Take(2).ToDictionary(r => r["姓名"]!.ToString()!);
        Assert.StartsWith("全额资助代缴", byName["王特困"]["缴费方式"]!.ToString());
        Assert.Equal(("个人缴费", 380m, "2023-10-10", "营盘镇"), (byName["赵居民"]["缴费方式"]!.ToString(), Money(byName["赵居民"]["缴费金额（元）"]), byName["赵居民"]["缴费日期"]!.ToString(), byName["赵居民"]["镇（街道）"]!.ToString()));
        Assert.Equal(Money(byName["王特困"]["缴费金额（元）"]) + 380m, Money(paid[2]["缴费金额（元）"]));

        // 民政 paid for nobody here; Pubei cannot read Zhashui's lists; an unknown list is named.
        Assert.Single(await SheetAsync(await civil.GetAsync("/api/lists/zhashui/2024/paid.xlsx")));
        var pubei = await LoginAsync("pubei.medical_insurance_agency");
        Assert.Equal(HttpStatusCode.Forbidden, (await pubei.GetAsync("/api/lists/zhashui/2024/paid.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agency.GetAsync("/api/lists/zhashui/2024/owed.xlsx")).StatusCode);
    }
}
