using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using ResidentInsurance.Engine.Definitions;
using ResidentInsurance.Policy.Identity;

namespace ResidentInsurance.Browser.Tests;

/// <summary>
/// The inbox in real Chromium against the host on Kestrel (shipped workflows, seeded demo accounts, a SQLite
/// file): a Zhashui 民政 clerk confirms a payable roster row by row, rejecting one with a reason; a Guizhou clerk
/// never sees it. Screenshots go to .artifacts/screenshots/.
/// </summary>
public sealed partial class InboxBrowserTests : IAsyncLifetime
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ri-browser-");
    private readonly string _workflows = PlatformHome.FindWorkflows(null, AppContext.BaseDirectory)!;
    private WebApplicationFactory<Program> _factory = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private string _baseUrl = "";

    private string Screenshots => Directory.CreateDirectory(Path.Combine(_workflows, "..", ".artifacts", "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Workflows", $"Data Source={Path.Combine(_folder.FullName, "browser.db")}");
            b.UseSetting("Engine:WorkflowsDirectory", _workflows);
            b.UseSetting("Access:PasswordIterations", "1000");
        });
        _factory.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0)); // a free port: CI may run other servers
        _factory.StartServer();
        _baseUrl = _factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
        if (ChromiumFactAttribute.ExecutablePath is null)
        {
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFactAttribute.ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
            _playwright.Dispose();
        }

        await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private static string Id(string birthDate, int sequence)
    {
        var first17 = "611026" + birthDate.Replace("-", "", StringComparison.Ordinal) + sequence.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
        return first17 + ResidentIdNumber.ComputeCheckDigit(first17);
    }

    /// <summary>
    /// Zhashui 民政 reports three additions; the agency flags them (over the API); the payable list comes back to
    /// 民政 as a three-row roster task.
    /// </summary>
    private async Task ArrangeRosterTaskAsync()
    {
        using var admin = new HttpClient { BaseAddress = new Uri(_baseUrl) };
        admin.DefaultRequestHeaders.Add("X-Api-Key", "demo-admin-key");
        var started = await admin.PostAsJsonAsync("/api/instances", new
        {
            definitionId = "zhashui-identity-change",
            input = new
            {
                region = "zhashui", benefitYear = 2024, department = "civil_affairs", submittedOn = "2023-10-16",
                changes = new[]
                {
                    new { idNumber = Id("1966-05-09", 21), name = "张低保", identity = "dibao", change = "add", recognizedOn = "2023-10-10" },
                    new { idNumber = Id("1967-06-10", 22), name = "李低保", identity = "dibao", change = "add", recognizedOn = "2023-10-11" },
                    new { idNumber = Id("1968-07-11", 23), name = "赵监测", identity = "monitored", change = "add", recognizedOn = "2023-10-12" },
                },
            },
        });
        started.EnsureSuccessStatusCode();
        var tasks = JsonNode.Parse(await admin.GetStringAsync("/api/tasks"))!["tasks"]!.AsArray();
        var flag = tasks.Single(t => t!["department"]!.GetValue<string>() == "medical_insurance_agency")!["taskId"]!.GetValue<string>();
        var rows = Enumerable.Range(1, 3).Select(i => new { index = i, decision = "accept" }).ToArray();
        (await admin.PostAsJsonAsync($"/api/tasks/{flag}/complete", new { outcome = "已标识", rows })).EnsureSuccessStatusCode();
    }

    private async Task<IPage> LoginAsync(string userName)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        // The inbox sends a visitor without a session to the login page, and back after logging in.
        await page.GotoAsync(_baseUrl + "/inbox.html");
        await page.WaitForSelectorAsync("#login-form");
        Assert.EndsWith("/login.html", page.Url, StringComparison.Ordinal);
        await page.FillAsync("#user-name", userName);
        await page.FillAsync("#password", "Demo@2026");
        await page.ClickAsync("#login");
        await page.WaitForSelectorAsync("#who:not(:empty)");
        Assert.EndsWith("/inbox.html", page.Url, StringComparison.Ordinal);
        return page;
    }

    [ChromiumFact]
    public async Task A_Zhashui_civil_affairs_clerk_confirms_a_roster_row_by_row_and_a_Guizhou_clerk_never_sees_it()
    {
        await ArrangeRosterTaskAsync();

        var clerk = await LoginAsync("zhashui.civil_affairs");
        Assert.Contains("柞水县民政", await clerk.InnerTextAsync("#who"));
        Assert.Equal("待办箱", await clerk.InnerTextAsync("h1"));
        await clerk.WaitForSelectorAsync("tr.task");
        Assert.Equal("1", await clerk.InnerTextAsync("#count-total"));
        await clerk.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "01-zhashui-inbox.png"), FullPage = true });

        await clerk.ClickAsync("tr.task");
        await clerk.WaitForSelectorAsync("#roster tbody tr");
        Assert.Contains("应缴名单确认", await clerk.InnerTextAsync("#detail-title"));
        Assert.Equal(3, await clerk.Locator("#roster tbody tr").CountAsync());
        Assert.Contains("张低保", await clerk.InnerTextAsync("#roster"));

        // Rejecting without a reason is refused by the host, named in Chinese.
        await clerk.CheckAsync("#roster tr[data-index='2'] input[value='reject']");
        await clerk.ClickAsync("button[data-outcome='确认']");
        await clerk.WaitForSelectorAsync("#detail-error:not([hidden])");
        Assert.Contains("第 2 行退回须说明理由", await clerk.InnerTextAsync("#detail-error"));

        await clerk.FillAsync("#roster tr[data-index='2'] input.reason", "已于10月死亡，注销低保");
        await clerk.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "02-zhashui-roster-task.png"), FullPage = true });
        await clerk.ClickAsync("button[data-outcome='确认']");
        await clerk.WaitForSelectorAsync("#detail", new PageWaitForSelectorOptions { State = WaitForSelectorState.Hidden });
        await clerk.WaitForSelectorAsync("#empty:not([hidden])");
        Assert.Equal("0", await clerk.InnerTextAsync("#count-total"));
        await clerk.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "03-zhashui-done.png"), FullPage = true });

        var guizhou = await LoginAsync("guizhou.civil_affairs");
        await guizhou.WaitForSelectorAsync("#empty:not([hidden])");
        Assert.Equal("0", await guizhou.InnerTextAsync("#count-total"));
        Assert.DoesNotContain("张低保", await guizhou.ContentAsync());
        await guizhou.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "04-guizhou-inbox.png"), FullPage = true });

        // The decisions reached the workflow: the instance's confirmation carries the rejected row and its reason.
        using var admin = new HttpClient { BaseAddress = new Uri(_baseUrl) };
        admin.DefaultRequestHeaders.Add("X-Api-Key", "demo-admin-key");
        var audit = JsonNode.Parse(await admin.GetStringAsync("/api/audit"))!.AsArray();
        Assert.Contains(audit, e => e!["actor"]!.GetValue<string>() == "zhashui.civil_affairs" && e["action"]!.GetValue<string>() == "task.complete");
    }
    [ChromiumFact]
    public async Task The_Pubei_campaign_dashboard_charts_town_progress_on_a_chosen_date_and_a_towns_account_sees_only_its_town()
    {
        using var admin = new HttpClient { BaseAddress = new Uri(_baseUrl) };
        admin.DefaultRequestHeaders.Add("X-Api-Key", "demo-admin-key");
        using var feed = new HttpClient { BaseAddress = new Uri(_baseUrl) };
        feed.DefaultRequestHeaders.Add("X-Api-Key", "demo-pubei-tax-key");
        var notices = new List<object>();
        var towns = new[] { "泉水镇", "泉水镇", "龙门镇", "张黄镇" };
        for (var i = 0; i < towns.Length; i++)
        {
            var birth = $"197{i}-0{i + 1}-1{i}";
            var first17 = "450722" + birth.Replace("-", "", StringComparison.Ordinal) + (60 + i).ToString("000", System.Globalization.CultureInfo.InvariantCulture);
            var id = first17 + ResidentIdNumber.ComputeCheckDigit(first17);
            var paidOn = $"2019-12-{10 + i}";
            (await admin.PostAsJsonAsync("/api/instances", new
            {
                definitionId = "pubei-enrollment",
                input = new { region = "pubei", benefitYear = 2020, action = "enroll", paidOn, town = towns[i], village = towns[i][..2] + "村", person = new { idNumber = id, name = "居民" + i, birthDate = birth, identities = Array.Empty<object>() } },
            })).EnsureSuccessStatusCode();
            notices.Add(new { idNumber = id, benefitYear = 2020, amountFen = 25000, paidOn, channel = "12366", transactionId = "B-" + i });
        }

        (await feed.PostAsJsonAsync("/api/tax/payment-notices", new { region = "pubei", notices })).EnsureSuccessStatusCode();

        var page = await LoginAsync("pubei.medical_insurance_agency");
        await page.GotoAsync(_baseUrl + "/campaign.html?year=2020&asOf=2020-01-31");
        await page.WaitForSelectorAsync("#towns tbody tr");
        Assert.Equal("4", await page.InnerTextAsync("#enrolled"));
        Assert.Equal("825000", await page.InnerTextAsync("#task"));
        Assert.Equal("95.00%", await page.InnerTextAsync("#target"));
        Assert.Equal("29", await page.InnerTextAsync("#days-left")); // 001 五(二): the collection period ends 2020-02-29
        Assert.Equal(17, await page.Locator("#towns tbody tr").CountAsync());
        Assert.Contains("2", await page.InnerTextAsync("#towns tr[data-town='泉水镇']"));
        Assert.True(await page.IsHiddenAsync("#chart-missing"), "Chart.js is served by the host");
        // The town chart is a Chart.js chart of the 17 towns with data, and the target line.
        Assert.Equal(17, await page.EvaluateAsync<int>("Chart.getChart('town-chart').data.labels.length"));
        Assert.True(await page.EvaluateAsync<double>("Chart.getChart('town-chart').data.datasets[0].data.reduce((a, b) => a + b, 0)") > 0);
        Assert.Equal(95d, await page.EvaluateAsync<double>("Chart.getChart('town-chart').data.datasets[1].data[0]"));
        Assert.Equal(4, await page.EvaluateAsync<int>("Chart.getChart('daily-chart').data.datasets[0].data.at(-1)"));
        Assert.Equal(17, await page.Locator("#ranking tbody tr").CountAsync());
        Assert.Contains("泉水镇", await page.InnerTextAsync("#ranking tbody tr:first-child"));
        Assert.Equal(14, await page.Locator("#ranking tbody tr.lagging").CountAsync()); // the 14 towns with nobody enrolled lag the county
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "05-pubei-campaign.png"), FullPage = true });

        await page.FillAsync("#as-of", "2019-12-11");
        await page.ClickAsync("#query button[type='submit']");
        await page.WaitForFunctionAsync("document.getElementById('enrolled').textContent === '2'");

        // 泉水镇's staff: one town in every table and chart, nobody else's numbers.
        var index = Array.IndexOf(Towns("pubei"), "泉水镇") + 1;
        var town = await LoginAsync($"pubei.town.{index:00}");
        await town.GotoAsync(_baseUrl + "/campaign.html?year=2020&asOf=2020-01-31");
        await town.WaitForSelectorAsync("#towns tbody tr");
        Assert.Equal(["泉水镇"], await town.Locator("#towns tbody tr td:first-child").AllInnerTextsAsync());
        Assert.Equal("2", await town.InnerTextAsync("#enrolled"));
        Assert.Equal(["泉水镇"], await town.EvaluateAsync<string[]>("Chart.getChart('town-chart').data.labels"));
        Assert.Equal(1, await town.Locator("#villages tbody tr").CountAsync());
        Assert.DoesNotContain("龙门镇", await town.InnerTextAsync("main"));
        await town.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "06-pubei-town-campaign.png"), FullPage = true });
    }

    private string[] Towns(string region) =>
        [.. System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(_workflows, "regions", region + ".json")))!["years"]!["2020"]!["campaign"]!["towns"]!.AsArray()
            .Select(t => t!["name"]!.GetValue<string>())];
}
