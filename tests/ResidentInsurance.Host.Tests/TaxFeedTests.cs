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
/// A Zhashui resident registered over HTTP by the agency, paid through the tax department's batch feed:
/// the entitlement is recorded once however often the batch comes, a notice for nobody is parked, and a
/// malformed batch is refused whole, naming the notice.
/// </summary>
public sealed class TaxFeedTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ri-taxfeed-");
    private readonly WebApplicationFactory<Program> _factory;

    public TaxFeedTests()
    {
        var shipped = PlatformHome.FindWorkflows(null, AppContext.BaseDirectory)!;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Workflows", $"Data Source={Path.Combine(_folder.FullName, "tax.db")}");
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

    private static string Id(string birthDate, int sequence)
    {
        var first17 = "611026" + birthDate.Replace("-", "", StringComparison.Ordinal) + sequence.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
        return first17 + ResidentIdNumber.ComputeCheckDigit(first17);
    }

    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    [Fact]
    public async Task Registration_then_the_tax_batch_records_the_entitlement_once_parks_the_unknown_and_refuses_a_malformed_batch_whole()
    {
        var agency = _factory.CreateClient();
        (await agency.SignInAsync("zhashui.medical_insurance_agency")).EnsureSuccessStatusCode();
        var resident = Id("1975-04-12", 31);
        var started = await JsonAsync(await agency.PostAsJsonAsync("/api/instances", new
        {
            definitionId = "zhashui-enrollment",
            input = new
            {
                region = "zhashui", benefitYear = 2024, action = "enroll", paidOn = "2023-10-10",
                person = new { idNumber = resident, name = "张一", birthDate = "1975-04-12", identities = Array.Empty<object>() },
            },
        }));
        var instanceId = started["instance"]!["id"]!.GetValue<string>();
        Assert.Equal("Suspended", started["instance"]!["status"]!.GetValue<string>());

        var feed = _factory.CreateClient();
        feed.DefaultRequestHeaders.Add("X-Api-Key", "demo-zhashui-tax-key");
        var stranger = Id("1980-01-01", 32);
        var malformed = await feed.PostAsJsonAsync("/api/tax/payment-notices", new
        {
            region = "zhashui",
            notices = new object[]
            {
                new { idNumber = resident, benefitYear = 2024, amountFen = 38000, paidOn = "2023-10-10", channel = "12366", transactionId = "TX-A" },
                new { idNumber = resident[..17] + (resident[17] == '0' ? '1' : '0'), benefitYear = 2024, amountFen = 38000, paidOn = "2023-10-10", channel = "bank", transactionId = "TX-B" },
            },
        });
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("notices[1].idNumber", JsonNode.Parse(await malformed.Content.ReadAsStringAsync())!["field"]!.GetValue<string>());
        var admin = _factory.CreateAdminClient();
        Assert.Equal("Suspended", (await JsonAsync(await admin.GetAsync($"/api/instances/{instanceId}")))["instance"]!["status"]!.GetValue<string>());

        var batch = new
        {
            region = "zhashui",
            notices = new object[]
            {
                new { idNumber = resident, benefitYear = 2024, amountFen = 38000, paidOn = "2023-10-10", channel = "12366", transactionId = "TX-A" },
                new { idNumber = stranger, benefitYear = 2024, amountFen = 38000, paidOn = "2023-10-11", channel = "bank", transactionId = "TX-C" },
            },
        };
        var first = await JsonAsync(await feed.PostAsJsonAsync("/api/tax/payment-notices", batch));
        Assert.Equal((2, 1, 0, 1), (first["received"]!.GetValue<int>(), first["applied"]!.GetValue<int>(), first["duplicates"]!.GetValue<int>(), first["parked"]!.GetValue<int>()));
        var again = await JsonAsync(await feed.PostAsJsonAsync("/api/tax/payment-notices", batch));
        Assert.Equal((0, 2), (again["applied"]!.GetValue<int>(), again["duplicates"]!.GetValue<int>()));

        var finished = await JsonAsync(await admin.GetAsync($"/api/instances/{instanceId}"));
        Assert.Equal("Finished", finished["instance"]!["status"]!.GetValue<string>());
        var parked = JsonNode.Parse(await agency.GetStringAsync("/api/stimuli/parked"))!.AsArray();
        Assert.Single(parked);
        Assert.Contains(stranger, parked[0]!.ToJsonString(), StringComparison.Ordinal);

        var records = JsonNode.Parse(await agency.GetStringAsync($"/api/residents/{resident}/records?benefitYear=2024"))!.AsArray();
        var entitlement = Assert.Single(records, r => r!["eventName"]!.GetValue<string>() == "entitlement.recorded")!;
        Assert.Equal(("2024-01-01", "2024-12-31"), (entitlement["payload"]!["benefitStart"]!.GetValue<string>(), entitlement["payload"]!["benefitEnd"]!.GetValue<string>()));
        Assert.Equal("TX-A", entitlement["payload"]!["payment"]!["transactionId"]!.GetValue<string>());
        var pubeiClerk = _factory.CreateClient();
        (await pubeiClerk.SignInAsync("pubei.medical_insurance_agency")).EnsureSuccessStatusCode();
        Assert.Empty(JsonNode.Parse(await pubeiClerk.GetStringAsync($"/api/residents/{resident}/records"))!.AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await agency.GetAsync($"/api/residents/{resident[..17]}{(resident[17] == '0' ? '1' : '0')}/records")).StatusCode);

        var pubeiBatch = await feed.PostAsJsonAsync("/api/tax/payment-notices", batch with { region = "pubei" });
        Assert.Equal(HttpStatusCode.Forbidden, pubeiBatch.StatusCode);
    }
}
