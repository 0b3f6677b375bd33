using Microsoft.Playwright;

namespace ResidentInsurance.Browser.Tests;

/// <summary>
/// The designer in real Chromium: Guizhou's policy administrator opens the enrollment workflow in the genuine Elsa
/// Studio (npm package, served by the host), sees our activities in its palette, and the page asks nothing of any
/// host but ours.
/// </summary>
public sealed partial class InboxBrowserTests
{
    [ChromiumFact]
    public async Task A_policy_administrator_opens_a_workflow_in_the_genuine_Elsa_Studio_served_offline_by_the_host()
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
    }
}
