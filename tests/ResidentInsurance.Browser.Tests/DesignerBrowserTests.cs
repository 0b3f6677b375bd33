using Microsoft.Playwright;

namespace ResidentInsurance.Browser.Tests;

/// <summary>
/// The designer in real Chromium: Guizhou's policy administrator opens the enrollment workflow in the genuine Elsa
/// Studio (npm package, served by the host), sees our activities in its palette and the workflow on the canvas,
/// changes it, and the Studio's auto-save and publish button go through our API (draft N+1, the publish gate's
/// case files, the audit) — and the page asks nothing of any host but ours.
/// </summary>
public sealed partial class InboxBrowserTests
{
    [ChromiumFact]
    public async Task A_policy_administrator_edits_and_publishes_a_workflow_in_the_genuine_Elsa_Studio_served_offline_by_the_host()
    {
        var page = await LoginAsync("guizhou.admin");
        var outside = new List<string>();
        var failed = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(_baseUrl, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal) && !request.Url.StartsWith("blob:", StringComparison.Ordinal))
            {
                outside.Add(request.Url);
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                failed.Add($"{response.Status} {response.Url}");
            }
        };
        var console = new List<string>();
        page.Console += (_, message) => console.Add($"{message.Type}: {message.Text}");

        await page.GotoAsync(_baseUrl + "/designer/?definition=guizhou-enrollment");
        await page.WaitForSelectorAsync("#definitions a[data-definition-id='guizhou-enrollment'].current");
        Assert.Contains("贵州", await page.InnerTextAsync("#who"));
        try
        {
            // The palette's categories are ours (Chinese), and the canvas draws the workflow's own activities.
            await page.WaitForSelectorAsync("text=医保政策", new PageWaitForSelectorOptions { Timeout = 120_000 });
            await page.ClickAsync("text=医保政策");
            await page.WaitForSelectorAsync("text=政策计算");
            await page.WaitForSelectorAsync("text=等待税务缴费回传", new PageWaitForSelectorOptions { Timeout = 30_000 });
        }
        finally
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "07-designer-guizhou-enrollment.png"), FullPage = true });
            File.WriteAllLines(Path.Combine(Screenshots, "07-designer-console.txt"), console.Concat(failed.Select(f => "response " + f)));
        }

        Assert.Empty(outside);

        // Change the description in the Studio's properties: auto-save sends the model to our API (a draft, version 2).
        // Wait for the save that carries the new text: the Studio auto-saves (debounced) and may save before the
        // field's change reaches its model; publishing before this save lands would publish the old description.
        // On a loaded machine the change is sometimes not picked up at all, so the edit is made again (at most 3 times).
        var description = page.Locator("textarea").First;
        IResponse? saveResponse = null;
        for (var attempt = 0; attempt < 3 && saveResponse is null; attempt++)
        {
            var saved = page.WaitForResponseAsync(r => r.Url.EndsWith("/elsa/api/workflow-definitions", StringComparison.Ordinal) && r.Request.Method == "POST" && SavesDescription(r.Request.PostData),
                new PageWaitForResponseOptions { Timeout = 25_000 });
            await description.FillAsync("");
            await description.FillAsync("002号通知：缴费即登记（设计器修改）");
            await description.PressAsync("Tab");
            try
            {
                saveResponse = await saved;
            }
            catch (TimeoutException)
            {
            }
        }

        Assert.True(saveResponse is not null, "the Studio never saved the changed description");
        Assert.Equal(200, saveResponse.Status);

        // Publish with the Studio's own button: the publish gate runs Guizhou's case files first.
        var published = page.WaitForResponseAsync(r => r.Url.Contains("/elsa/api/workflow-definitions", StringComparison.Ordinal) && r.Request.Method == "POST" && r.Request.PostData?.Contains("\"publish\":true", StringComparison.Ordinal) != false, new PageWaitForResponseOptions { Timeout = 60_000 });
        await page.Locator("button.mud-primary-text").First.ClickAsync();
        Assert.Equal(200, (await published).Status);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "08-designer-published.png"), FullPage = true });

        using var admin = new HttpClient { BaseAddress = new Uri(_baseUrl) };
        admin.DefaultRequestHeaders.Add("X-Api-Key", "demo-admin-key");
        var live = System.Text.Json.Nodes.JsonNode.Parse(await admin.GetStringAsync("/elsa/api/workflow-definitions/by-definition-id/guizhou-enrollment?versionOptions=Published"))!;
        Assert.Equal("002号通知：缴费即登记（设计器修改）", live["description"]!.GetValue<string>());
        Assert.True(live["version"]!.GetValue<int>() >= 2);
        var audit = System.Text.Json.Nodes.JsonNode.Parse(await admin.GetStringAsync("/api/audit"))!.AsArray();
        Assert.Contains(audit, e => e!["actor"]!.GetValue<string>() == "guizhou.admin" && e["action"]!.GetValue<string>() == "definition.publish");
    }

    private static bool SavesDescription(string? body)
    {
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(body ?? "")?["model"]?["description"]?.GetValue<string>() == "002号通知：缴费即登记（设计器修改）";
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
