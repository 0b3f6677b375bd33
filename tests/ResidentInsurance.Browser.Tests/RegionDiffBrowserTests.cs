using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace ResidentInsurance.Browser.Tests;

/// <summary>
/// The readable region comparison: a clone of Guizhou is told (in Chinese) that Guizhou published a newer enrollment
/// version since the copy, and two regions' parameters read in yuan with the clause each comes from.
/// </summary>
public sealed partial class InboxBrowserTests
{
    [ChromiumFact]
    public async Task The_region_comparison_page_shows_parameters_in_yuan_and_tells_a_clone_its_source_moved_on()
    {
        using var admin = new HttpClient { BaseAddress = new Uri(_baseUrl) };
        admin.DefaultRequestHeaders.Add("X-Api-Key", "demo-admin-key");
        (await admin.PostAsJsonAsync("/api/regions/demo-county/clone", new { source = "guizhou", name = "示范县" })).EnsureSuccessStatusCode();
        var source = JsonNode.Parse(await admin.GetStringAsync("/api/definitions/guizhou-enrollment"))!.AsObject();
        source["description"] = "002号通知（2021-06 修订说明）";
        (await admin.PostAsync("/api/definitions?publish=true", new StringContent(source.ToJsonString(), Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

        var page = await LoginAsync("guizhou.admin");
        await page.GotoAsync(_baseUrl + "/diff.html?left=guizhou&right=demo-county");
        await page.WaitForSelectorAsync("#result:not([hidden])");
        Assert.Equal("共 0 项", await page.InnerTextAsync("#parameter-count"));
        var notice = await page.InnerTextAsync("#upstream");
        Assert.Contains("demo-county-enrollment", notice);
        Assert.Contains("已发布第 2 版（复制时为第 1 版）", notice);
        Assert.Contains("字段 description", notice);

        await page.SelectOptionAsync("#right", "zhashui");
        await page.ClickAsync("#query button[type='submit']");
        await page.WaitForSelectorAsync("#parameters tbody tr[data-path='years/2024/personalStandardFen/value']");
        var row = await page.InnerTextAsync("#parameters tbody tr[data-path='years/2024/personalStandardFen/value']");
        Assert.Contains("未设置", row);   // Guizhou's notice is for 2021
        Assert.Contains(" 元", row);
        Assert.Contains("依据", row);
        Assert.True(await page.Locator("#upstream").IsHiddenAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "11-region-diff.png") });
    }
}
