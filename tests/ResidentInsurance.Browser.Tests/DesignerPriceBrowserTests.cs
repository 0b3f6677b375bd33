using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace ResidentInsurance.Browser.Tests;

/// <summary>
/// Guizhou's late price (002 三: 830 元, the sum of the personal standard and the government subsidy) changed in the
/// genuine Elsa Studio on the 政策计算 activity's 参数调整 field: the publish gate refuses it while the region's cases
/// still expect 830, and the Studio says which cases; once the administrator brings the cases in line, the Studio's
/// publish goes through and the next simulation for Guizhou charges the new price.
/// </summary>
public sealed partial class InboxBrowserTests
{
    private const string LatePriceCase = """
        { "region": "guizhou", "benefitYear": 2021, "action": "enroll", "paidOn": "2021-05-01",
          "person": { "idNumber": "520102198503150016", "name": "张三", "birthDate": "1985-03-15", "identities": [] } }
        """;

    [ChromiumFact]
    public async Task A_late_price_changed_in_the_Studio_is_refused_naming_the_cases_then_published_and_simulated()
    {
        using var admin = new HttpClient { BaseAddress = new Uri(_baseUrl) };
        admin.DefaultRequestHeaders.Add("X-Api-Key", "demo-admin-key");
        async Task<JsonNode> SimulateAsync() => JsonNode.Parse(await (await admin.PostAsync("/api/simulations", new StringContent(LatePriceCase, Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync())!;
        Assert.Equal(830m, (await SimulateAsync())["amountDue"]!.GetValue<decimal>());

        var page = await LoginAsync("guizhou.admin");
        var crashes = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Unhandled exception", StringComparison.Ordinal))
            {
                crashes.Add(message.Text);
            }
        };
        await page.GotoAsync(_baseUrl + "/designer/?definition=guizhou-enrollment");
        await page.WaitForSelectorAsync("text=等待税务缴费回传", new PageWaitForSelectorOptions { Timeout = 120_000 });

        // Select 政策计算 on the canvas; its inputs are ours: the policy script dropdown and the parameter adjustments.
        await page.Locator("g[data-cell-id='evaluate'] .activity-label").ClickAsync();
        var adjustments = page.Locator(".mud-input-control:has(label:text-is('参数调整')) input[type='text']");
        await adjustments.WaitForAsync();
        Assert.Contains("years/2021/latePriceFen", await page.Locator(".mud-input-control:has(label:text-is('参数调整'))").InnerTextAsync());
        Assert.DoesNotContain("Unsupported UI hint", await page.ContentAsync());

        var saved = page.WaitForResponseAsync(r => r.Url.EndsWith("/elsa/api/workflow-definitions", StringComparison.Ordinal) && r.Request.Method == "POST", new PageWaitForResponseOptions { Timeout = 60_000 });
        await adjustments.FillAsync("{\"years/2021/latePriceFen\": 90000}");
        await adjustments.PressAsync("Tab");
        Assert.Equal(200, (await saved).Status);

        // Publish: Guizhou's cases still expect 830 — refused, and the Studio shows the cases the API names.
        var refused = page.WaitForResponseAsync(r => r.Url.Contains("/elsa/api/workflow-definitions", StringComparison.Ordinal) && r.Request.Method == "POST" && r.Request.PostData?.Contains("\"publish\":true", StringComparison.Ordinal) == true, new PageWaitForResponseOptions { Timeout = 60_000 });
        await page.Locator("button.mud-primary-text").First.ClickAsync();
        var refusal = await refused;
        Assert.Equal(400, refusal.Status); // the Studio reads a 400 problem's `errors`; any other status breaks its editor
        string[] pinned = ["employee-transfer-after-90.json", "late-dibao-no-dynamic.json", "late-ordinary-waiting-period.json", "newborn-day-91.json"];
        string? body = null;
        try
        {
            body = await refusal.TextAsync();
        }
        catch (PlaywrightException)
        {
            // Chromium may have dropped the body once the Studio read it; the Studio's snackbar below still names a case.
        }

        if (body is not null)
        {
            Assert.Equal(pinned.Select(n => $"guizhou/cases/{n}"), JsonNode.Parse(body)!["problems"]!.AsArray().Select(p => p!.GetValue<string>().Split(' ')[0]));
        }
        var snackbar = page.Locator(".mud-snackbar", new PageLocatorOptions { HasText = "late-ordinary-waiting-period.json" });
        await snackbar.First.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        Assert.Contains("发布被拒绝", await snackbar.First.InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "09-designer-publish-refused-by-cases.png") });
        Assert.Equal(830m, (await SimulateAsync())["amountDue"]!.GetValue<decimal>());
        Assert.Empty(crashes);

        // The administrator updates the cases the new price changes (each still citing 002), then publishes in the Studio.
        foreach (var name in pinned)
        {
            var caseFile = JsonNode.Parse(await admin.GetStringAsync($"/api/regions/guizhou/cases/{name}"))!.AsObject();
            caseFile["expected"]!["amountDue"] = 900;
            (await admin.PutAsync($"/api/regions/guizhou/cases/{name}", new StringContent(caseFile.ToJsonString(), Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        }

        await page.WaitForTimeoutAsync(5_500); // the refusal's snackbar closes
        var published = page.WaitForResponseAsync(r => r.Url.Contains("/elsa/api/workflow-definitions", StringComparison.Ordinal) && r.Request.Method == "POST" && r.Request.PostData?.Contains("\"publish\":true", StringComparison.Ordinal) == true, new PageWaitForResponseOptions { Timeout = 60_000 });
        await page.Locator("button.mud-primary-text").First.ClickAsync();
        var accepted = await published;
        Assert.Equal(200, accepted.Status);
        var version = JsonNode.Parse(await accepted.TextAsync())!["workflowDefinition"]!["version"]!.GetValue<int>();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "10-designer-late-price-published.png") });

        // No rebuild, no restart: the next simulation runs the new version and charges 900.
        var after = await SimulateAsync();
        Assert.Equal((900m, version), (after["amountDue"]!.GetValue<decimal>(), after["workflow"]!["version"]!.GetValue<int>()));
        Assert.Empty(crashes);
        var audit = JsonNode.Parse(await admin.GetStringAsync("/api/audit"))!.AsArray();
        // Every save and publish in the audit: who, which version, what changed against the version before.
        var publishedEntry = Assert.Single(audit, e => e!["action"]!.GetValue<string>() == "definition.publish" && e["outcome"]!.GetValue<string>() == "allowed" && e["target"]!.GetValue<string>() == $"guizhou-enrollment v{version}")!;
        Assert.Equal("guizhou.admin", publishedEntry["actor"]!.GetValue<string>());
        Assert.StartsWith("设计器；相对 v1：", publishedEntry["detail"]!.GetValue<string>());
        Assert.Contains("活动 evaluate（parameters）；content ", publishedEntry["detail"]!.GetValue<string>()); // the Studio also writes its default options
        var refusedEntry = Assert.Single(audit, e => e!["action"]!.GetValue<string>() == "definition.publish" && e["outcome"]!.GetValue<string>() == "refused")!;
        Assert.Contains("4 个政策案例不成立", refusedEntry["detail"]!.GetValue<string>());
        Assert.Contains(audit, e => e!["action"]!.GetValue<string>() == "definition.save" && e["actor"]!.GetValue<string>() == "guizhou.admin" && e["detail"]!.GetValue<string>().Contains("evaluate（parameters）", StringComparison.Ordinal));
    }
}
