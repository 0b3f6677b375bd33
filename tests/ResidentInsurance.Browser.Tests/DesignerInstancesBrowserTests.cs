using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace ResidentInsurance.Browser.Tests;

/// <summary>
/// Where each case stands, in the Studio's own instance list and viewer backed by our real instances: Guizhou's
/// administrator finds a resident's enrollment by its correlation id, opens it, and the viewer's journal shows the
/// steps it took and that it waits for the tax department's payment notice.
/// </summary>
public sealed partial class InboxBrowserTests
{
    [ChromiumFact]
    public async Task The_Studios_instance_list_and_viewer_show_a_real_enrollment_waiting_for_its_payment()
    {
        using var admin = new HttpClient { BaseAddress = new Uri(_baseUrl) };
        admin.DefaultRequestHeaders.Add("X-Api-Key", "demo-admin-key");
        var started = JsonNode.Parse(await (await admin.PostAsJsonAsync("/api/instances", new
        {
            definitionId = "guizhou-enrollment", correlationId = "520102198503150016/2021",
            input = new { region = "guizhou", benefitYear = 2021, action = "enroll", paidOn = "2021-05-01", person = new { idNumber = "520102198503150016", name = "张三", birthDate = "1985-03-15", identities = Array.Empty<object>() } },
        })).Content.ReadAsStringAsync())!;
        var id = started["instance"]!["id"]!.GetValue<string>();
        // Another region's case never shows in Guizhou's list.
        (await admin.PostAsJsonAsync("/api/instances", new
        {
            definitionId = "zhashui-enrollment", correlationId = $"{Id("1966-05-09", 31)}/2024",
            input = new { region = "zhashui", benefitYear = 2024, action = "enroll", paidOn = "2023-10-10", person = new { idNumber = Id("1966-05-09", 31), name = "李四", birthDate = "1966-05-09", identities = Array.Empty<object>() } },
        })).EnsureSuccessStatusCode();

        var page = await LoginAsync("guizhou.admin");
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Text.Contains("Unhandled exception", StringComparison.Ordinal)) { problems.Add(m.Text); } };
        page.Response += (_, r) => { if (r.Status >= 400 && !r.Url.EndsWith("/features/installed", StringComparison.Ordinal)) { problems.Add($"{r.Status} {r.Url}"); } };
        page.Request += (_, r) => { if (!r.Url.StartsWith(_baseUrl, StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal) && !r.Url.StartsWith("blob:", StringComparison.Ordinal)) { problems.Add("outside " + r.Url); } };

        await page.GotoAsync(_baseUrl + "/designer/?instances=1");
        var row = page.Locator("tr", new PageLocatorOptions { HasText = id });
        await row.WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
        Assert.Contains("520102198503150016/2021", await row.InnerTextAsync());
        Assert.Equal(1, await page.Locator("tbody tr", new PageLocatorOptions { HasText = "/20" }).CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "12-designer-instance-list.png") });

        await page.GotoAsync(_baseUrl + "/designer/?instance=" + id);
        await page.Locator("text=等待事件 - Suspended").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
        var journal = await page.InnerTextAsync("#editor-host");
        Assert.Contains("政策计算 - Completed", journal);
        Assert.Contains("等待税务缴费回传", journal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "13-designer-instance-viewer.png") });
        Assert.Empty(problems);
    }
}
