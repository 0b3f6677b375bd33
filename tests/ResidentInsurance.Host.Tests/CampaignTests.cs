using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using ResidentInsurance.Engine.Definitions;
using ResidentInsurance.Policy.Identity;

namespace ResidentInsurance.Host.Tests;

/// <summary>
/// Pubei's campaign from the records of real enrollments: residents registered with their town, paid through
/// the tax feed (one notice delivered twice), counted per town on any date.
/// </summary>
public sealed class CampaignTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ri-campaign-");
    private readonly WebApplicationFactory<Program> _factory;

    public CampaignTests()
    {
        var shipped = PlatformHome.FindWorkflows(null, AppContext.BaseDirectory)!;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Workflows", $"Data Source={Path.Combine(_folder.FullName, "campaign.db")}");
            b.UseSetting("Engine:WorkflowsDirectory", shipped);
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

    internal static string Id(string area, string birthDate, int sequence)
    {
        var first17 = area + birthDate.Replace("-", "", StringComparison.Ordinal) + sequence.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
        return first17 + ResidentIdNumber.ComputeCheckDigit(first17);
    }

    [Fact]
    public async Task Town_progress_comes_from_the_enrollments_and_is_asked_for_any_date()
    {
        var admin = _factory.CreateAdminClient();
        var feed = _factory.CreateClient();
        feed.DefaultRequestHeaders.Add("X-Api-Key", "demo-pubei-tax-key");
        var people = new[] { ("1970-01-01", "泉水镇", "2019-12-10"), ("1971-02-02", "泉水镇", "2019-12-20"), ("1972-03-03", "龙门镇", "2020-01-05") };
        var notices = new JsonArray();
        for (var i = 0; i < people.Length; i++)
        {
            var (birth, town, paidOn) = people[i];
            var id = Id("450722", birth, 40 + i);
            var started = await admin.PostAsJsonAsync("/api/instances", new
            {
                definitionId = "pubei-enrollment",
                input = new { region = "pubei", benefitYear = 2020, action = "enroll", paidOn, town, person = new { idNumber = id, name = "居民" + i, birthDate = birth, identities = Array.Empty<object>() } },
            });
            started.EnsureSuccessStatusCode();
            notices.Add(new JsonObject { ["idNumber"] = id, ["benefitYear"] = 2020, ["amountFen"] = 25000, ["paidOn"] = paidOn, ["channel"] = "12366", ["transactionId"] = "PB-" + i });
        }

        notices.Add(notices[0]!.DeepClone());
        var applied = JsonNode.Parse(await (await feed.PostAsJsonAsync("/api/tax/payment-notices", new JsonObject { ["region"] = "pubei", ["notices"] = notices })).Content.ReadAsStringAsync())!;
        Assert.Equal((3, 1), (applied["applied"]!.GetValue<int>(), applied["duplicates"]!.GetValue<int>()));

        var clerk = _factory.CreateClient();
        (await clerk.SignInAsync("pubei.medical_insurance_agency")).EnsureSuccessStatusCode();
        var midDecember = JsonNode.Parse(await clerk.GetStringAsync("/api/campaign/pubei/2020?asOf=2019-12-15"))!;
        Assert.Equal((1, 825000), (midDecember["enrolled"]!.GetValue<int>(), midDecember["taskNumber"]!.GetValue<int>()));
        var january = JsonNode.Parse(await clerk.GetStringAsync("/api/campaign/pubei/2020?asOf=2020-01-31"))!;
        Assert.Equal(3, january["enrolled"]!.GetValue<int>());
        var towns = january["towns"]!.AsArray();
        Assert.Equal(17, towns.Count);
        Assert.Equal((2, 24800), (towns.Single(t => t!["name"]!.GetValue<string>() == "泉水镇")!["enrolled"]!.GetValue<int>(), towns.Single(t => t!["name"]!.GetValue<string>() == "泉水镇")!["taskNumber"]!.GetValue<int>()));
        Assert.Equal(1, towns.Single(t => t!["name"]!.GetValue<string>() == "龙门镇")!["enrolled"]!.GetValue<int>());
        Assert.Equal([("2019-12-10", 1), ("2019-12-20", 2), ("2020-01-05", 3)], january["daily"]!.AsArray().Select(d => (d!["date"]!.GetValue<string>(), d["enrolled"]!.GetValue<int>())));
        Assert.Equal(90L, january["bureauFundingFen"]!.GetValue<long>());

        Assert.Equal(HttpStatusCode.BadRequest, (await clerk.GetAsync("/api/campaign/pubei/2020?asOf=2020-02-30")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync("/api/campaign/pubei/2031")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/campaign/zhashui/2024")).StatusCode);
    }

    private static int TownAccountNumber(string town)
    {
        var region = JsonNode.Parse(File.ReadAllText(Path.Combine(PlatformHome.FindWorkflows(null, AppContext.BaseDirectory)!, "regions", "pubei.json")))!;
        return region["years"]!["2020"]!["campaign"]!["towns"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ToList().IndexOf(town) + 1;
    }

    private async Task<HttpClient> LoginAsync(string userName)
    {
        var client = _factory.CreateClient();
        (await client.SignInAsync(userName)).EnsureSuccessStatusCode();
        return client;
    }

    private static async Task<List<IDictionary<string, object?>>> SheetAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var sheet = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        return MiniExcelLibs.MiniExcel.Query(sheet, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
    }

    [Fact]
    public async Task A_towns_account_sees_its_own_town_and_the_reports_come_out_as_sheets_with_headers_and_totals()
    {
        var admin = _factory.CreateAdminClient();
        var feed = _factory.CreateClient();
        feed.DefaultRequestHeaders.Add("X-Api-Key", "demo-pubei-tax-key");
        var people = new[] { ("1970-01-01", "泉水镇", "旺盛村", "2019-12-10"), ("1971-02-02", "泉水镇", "那新村", "2019-12-20"), ("1972-03-03", "龙门镇", "龙门村", "2020-01-05") };
        var notices = new JsonArray();
        for (var i = 0; i < people.Length; i++)
        {
            var (birth, town, village, paidOn) = people[i];
            var id = Id("450722", birth, 60 + i);
            (await admin.PostAsJsonAsync("/api/instances", new
            {
                definitionId = "pubei-enrollment",
                input = new { region = "pubei", benefitYear = 2020, action = "enroll", paidOn, town, village, person = new { idNumber = id, name = "居民" + i, birthDate = birth, identities = Array.Empty<object>() } },
            })).EnsureSuccessStatusCode();
            notices.Add(new JsonObject { ["idNumber"] = id, ["benefitYear"] = 2020, ["amountFen"] = 25000, ["paidOn"] = paidOn, ["channel"] = "12366", ["transactionId"] = "TW-" + i });
        }

        (await feed.PostAsJsonAsync("/api/tax/payment-notices", new JsonObject { ["region"] = "pubei", ["notices"] = notices })).EnsureSuccessStatusCode();

        // 泉水镇's staff: their town only, whatever town they ask for; no bureau share in their view.
        var quanshui = await LoginAsync($"pubei.town.{TownAccountNumber("泉水镇"):00}");
        foreach (var path in new[] { "/api/campaign/pubei/2020?asOf=2020-01-31", "/api/campaign/pubei/2020?asOf=2020-01-31&town=龙门镇" })
        {
            var own = JsonNode.Parse(await quanshui.GetStringAsync(path))!;
            Assert.Equal(["泉水镇"], own["towns"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
            Assert.Equal((2, 24800, 0L), (own["enrolled"]!.GetValue<int>(), own["taskNumber"]!.GetValue<int>(), own["bureauFundingFen"]!.GetValue<long>()));
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await quanshui.GetAsync("/api/campaign/zhashui/2024")).StatusCode);
        var villages = await SheetAsync(await quanshui.GetAsync("/api/campaign/pubei/2020/villages.xlsx?asOf=2020-01-31"));
        Assert.Equal(["序号", "镇（街道）", "村（社区）", "已参保缴费人数", "本周新增", "其中特殊人群"], villages[0].Keys);
        Assert.Equal([("泉水镇", "旺盛村", 1d), ("泉水镇", "那新村", 1d), ("泉水镇", "小计", 2d), ("合计", null, 2d)],
            villages.Select(v => (v["镇（街道）"]!.ToString()!, v["村（社区）"]?.ToString(), Convert.ToDouble(v["已参保缴费人数"], System.Globalization.CultureInfo.InvariantCulture))));

        // The bureau: the 通报 of the 17 towns ranked, gaps and lagging towns marked, totals last.
        var bureau = await LoginAsync("pubei.medical_insurance_agency");
        var weekly = await SheetAsync(await bureau.GetAsync("/api/campaign/pubei/2020/weekly.xlsx?asOf=2020-01-05"));
        Assert.Equal(["排名", "镇（街道）", "任务数", "已参保缴费人数", "完成率（%）", "差额", "较上周增加", "完成任务日期", "进度"], weekly[0].Keys);
        Assert.Equal(18, weekly.Count);
        Assert.Equal(("泉水镇", "龙门镇"), (weekly[0]["镇（街道）"]!.ToString(), weekly[1]["镇（街道）"]!.ToString())); // 2 of 24,800 ahead of 1 of 87,620
        Assert.Equal(24798d, Convert.ToDouble(weekly[0]["差额"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1d, Convert.ToDouble(weekly[1]["较上周增加"], System.Globalization.CultureInfo.InvariantCulture)); // paid 2020-01-05, in the week ending that Sunday
        Assert.Equal("滞后", weekly[2]["进度"]?.ToString()); // nobody enrolled: below the county's rate
        Assert.StartsWith("合计（截至 2020-01-05）", weekly[17]["镇（街道）"]!.ToString());
        Assert.Equal((3d, 825000d), (Convert.ToDouble(weekly[17]["已参保缴费人数"], System.Globalization.CultureInfo.InvariantCulture), Convert.ToDouble(weekly[17]["任务数"], System.Globalization.CultureInfo.InvariantCulture)));

        var worklist = await SheetAsync(await bureau.GetAsync("/api/campaign/pubei/2020/worklist.xlsx?asOf=2020-01-05"));
        Assert.Equal(["序号", "姓名", "身份证号码", "人员类别", "认定日期", "镇（街道）", "村（社区）", "报送部门", "备注"], worklist[0].Keys);
        Assert.Equal("0 人", worklist.Single()["身份证号码"]!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await bureau.GetAsync("/api/campaign/pubei/2020/payroll.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bureau.GetAsync("/api/campaign/pubei/2020?town=不存在镇")).StatusCode);
    }

    /// <summary>
    /// 001 六(三)1: a 2016/2017 poverty-lifted resident pays first and the town pays back 60%, so the 资助补发 task goes
    /// to the town staff of the resident's town. Another town's staff of the same department neither see it nor
    /// open, claim or complete it (403); the right town completes it.
    /// </summary>
    [Fact]
    public async Task A_towns_staff_act_on_their_own_towns_pay_back_tasks_only()
    {
        var admin = _factory.CreateAdminClient();
        var feed = _factory.CreateClient();
        feed.DefaultRequestHeaders.Add("X-Api-Key", "demo-pubei-tax-key");
        var notices = new JsonArray();
        foreach (var (town, i) in new[] { "泉水镇", "龙门镇" }.Select((t, i) => (t, i)))
        {
            var id = Id("450722", "1957-01-18", 70 + i);
            var started = await admin.PostAsJsonAsync("/api/instances", new
            {
                definitionId = "pubei-enrollment",
                input = new { region = "pubei", benefitYear = 2020, action = "enroll", paidOn = "2019-12-10", town, person = new { idNumber = id, name = "脱贫" + i, birthDate = "1957-01-18", identities = new[] { new { code = "poverty_lifted", recognizedOn = "2017-11-01" } }, liftedYear = 2017 } },
            });
            started.EnsureSuccessStatusCode();
            notices.Add(new JsonObject { ["idNumber"] = id, ["benefitYear"] = 2020, ["amountFen"] = 25000, ["paidOn"] = "2019-12-10", ["channel"] = "12366", ["transactionId"] = "PB-BACK-" + i });
        }

        (await feed.PostAsJsonAsync("/api/tax/payment-notices", new JsonObject { ["region"] = "pubei", ["notices"] = notices })).EnsureSuccessStatusCode();

        var quanshui = await LoginAsync($"pubei.town.{TownAccountNumber("泉水镇"):00}");
        var longmen = await LoginAsync($"pubei.town.{TownAccountNumber("龙门镇"):00}");
        var own = JsonNode.Parse(await quanshui.GetStringAsync("/api/tasks"))!["tasks"]!.AsArray();
        var theirs = JsonNode.Parse(await longmen.GetStringAsync("/api/tasks"))!["tasks"]!.AsArray();
        Assert.Equal(["脱贫0"], own.Select(t => t!["title"]!.GetValue<string>().Split('：', '，')[1]));
        Assert.Equal(["脱贫1"], theirs.Select(t => t!["title"]!.GetValue<string>().Split('：', '，')[1]));
        var longmenTask = theirs[0]!["taskId"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.Forbidden, (await quanshui.GetAsync($"/api/tasks/{longmenTask}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await quanshui.PostAsync($"/api/tasks/{longmenTask}/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await quanshui.PostAsJsonAsync($"/api/tasks/{longmenTask}/complete", new { outcome = "已补发" })).StatusCode);
        Assert.Single(JsonNode.Parse(await longmen.GetStringAsync("/api/tasks"))!["tasks"]!.AsArray()); // still open

        var outcome = JsonNode.Parse(await longmen.GetStringAsync($"/api/tasks/{longmenTask}"))!["outcomes"]!.AsArray()[0]!.GetValue<string>();
        var done = await longmen.PostAsJsonAsync($"/api/tasks/{longmenTask}/complete", new { outcome });
        Assert.True(done.IsSuccessStatusCode, await done.Content.ReadAsStringAsync());
        Assert.Empty(JsonNode.Parse(await longmen.GetStringAsync("/api/tasks"))!["tasks"]!.AsArray());
        Assert.Single(JsonNode.Parse(await quanshui.GetStringAsync("/api/tasks"))!["tasks"]!.AsArray());

        var audit = JsonNode.Parse(await admin.GetStringAsync("/api/audit?take=100"))!.AsArray();
        Assert.Contains(audit, e => e!["target"]?.GetValue<string>() == longmenTask && e["action"]!.GetValue<string>() == "task.complete" && e["outcome"]!.GetValue<string>() == "denied"
            && e["actor"]!.GetValue<string>() == $"pubei.town.{TownAccountNumber("泉水镇"):00}");
    }
}
