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
        (await client.PostAsJsonAsync("/api/auth/login", new { userName, password = "Demo@2026" })).EnsureSuccessStatusCode();
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
}
