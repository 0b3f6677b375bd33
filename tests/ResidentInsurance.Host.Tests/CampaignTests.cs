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
        (await clerk.PostAsJsonAsync("/api/auth/login", new { userName = "pubei.medical_insurance_agency", password = "Demo@2026" })).EnsureSuccessStatusCode();
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
}
