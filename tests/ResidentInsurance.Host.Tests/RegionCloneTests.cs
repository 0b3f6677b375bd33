using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using ResidentInsurance.Engine.Definitions;

namespace ResidentInsurance.Host.Tests;

/// <summary>
/// Clone Guizhou into a new region, change two parameters, and the diff shows exactly those two; the next
/// simulation in the new region uses them, Guizhou is unchanged, and an instance already running stays on its version.
/// </summary>
public sealed class RegionCloneTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ri-clone-");
    private readonly WebApplicationFactory<Program> _factory;

    public RegionCloneTests()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Workflows", $"Data Source={Path.Combine(_folder.FullName, "clone.db")}");
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

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    private static object LateCase(string region) => new
    {
        region, benefitYear = 2021, action = "enroll", paidOn = "2021-05-01",
        person = new { idNumber = "520102198503150016", name = "张三", birthDate = "1985-03-15", identities = Array.Empty<object>() },
    };

    [Fact]
    public async Task A_clone_adapts_two_parameters_without_a_restart_and_the_diff_names_exactly_those()
    {
        var admin = _factory.CreateAdminClient();
        var cloned = await JsonAsync(await admin.PostAsJsonAsync("/api/regions/demo-county/clone", new { source = "guizhou", name = "示范县" }));
        Assert.Equal(
            ["demo-county-enrollment", "demo-county-identity-change", "demo-county-refund", "demo-county-subsidy-approval"],
            cloned["processes"]!.AsArray().Select(p => p!["definitionId"]!.GetValue<string>()).Order());
        Assert.Contains(JsonNode.Parse(await admin.GetStringAsync("/api/regions"))!.AsArray(), r => r!["code"]!.GetValue<string>() == "demo-county" && r["name"]!.GetValue<string>() == "示范县");
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/regions/demo-county/clone", new { source = "guizhou" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync("/api/regions/other-county/clone", new { source = "atlantis" })).StatusCode);

        var before = (await JsonAsync(await admin.PostAsJsonAsync("/api/simulations", LateCase("demo-county"))))!;
        Assert.Equal((830m, "demo-county-enrollment"), (before["amountDue"]!.GetValue<decimal>(), before["workflow"]!["definitionId"]!.GetValue<string>()));
        var running = await JsonAsync(await admin.PostAsJsonAsync("/api/instances", new { definitionId = "demo-county-enrollment", input = LateCase("demo-county") }));
        var runningId = running["instance"]!["id"]!.GetValue<string>();

        var parameters = JsonNode.Parse(await admin.GetStringAsync("/api/regions/demo-county"))!.AsObject();
        parameters.Remove("processes");
        parameters["years"]!["2021"]!["latePriceFen"]!["value"] = 80000;
        parameters["years"]!["2021"]!["newbornWindowDays"]!["value"] = 60;
        var update = await JsonAsync(await admin.PutAsync("/api/regions/demo-county/parameters", new StringContent(parameters.ToJsonString(), Encoding.UTF8, "application/json")));
        Assert.Equal(4, update["republished"]!.AsArray().Count);

        var diff = await JsonAsync(await admin.GetAsync("/api/regions/diff?left=guizhou&right=demo-county"));
        Assert.Equal(["years/2021/latePriceFen/value", "years/2021/newbornWindowDays/value"], diff["parameters"]!.AsArray().Select(c => c!["path"]!.GetValue<string>()));
        Assert.Equal((83000, 80000), (diff["parameters"]![0]!["left"]!.GetValue<int>(), diff["parameters"]![0]!["right"]!.GetValue<int>()));
        Assert.Empty(diff["activities"]!.AsArray());

        var after = await JsonAsync(await admin.PostAsJsonAsync("/api/simulations", LateCase("demo-county")));
        Assert.Equal((800m, 2), (after["amountDue"]!.GetValue<decimal>(), after["workflow"]!["version"]!.GetValue<int>()));
        Assert.Equal(830m, (await JsonAsync(await admin.PostAsJsonAsync("/api/simulations", LateCase("guizhou"))))["amountDue"]!.GetValue<decimal>());

        var stillRunning = await JsonAsync(await admin.GetAsync($"/api/instances/{runningId}"));
        Assert.Equal(1, stillRunning["instance"]!["version"]!.GetValue<int>());
        Assert.Equal(83000, stillRunning["instance"]!["variables"]!["policyResult"]!["amountDueFen"]!.GetValue<int>());

        var bad = await admin.PutAsync("/api/regions/demo-county/parameters", new StringContent("{\"kind\":\"region\",\"code\":\"guizhou\",\"years\":{}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task A_parameter_change_that_breaks_Guizhous_case_files_is_refused_naming_the_cases_and_nothing_changes()
    {
        var admin = _factory.CreateAdminClient();
        var before = (await JsonAsync(await admin.PostAsJsonAsync("/api/simulations", LateCase("guizhou"))))["workflow"]!["version"]!.GetValue<int>();
        var parameters = JsonNode.Parse(await admin.GetStringAsync("/api/regions/guizhou"))!.AsObject();
        parameters.Remove("processes");
        parameters["years"]!["2021"]!["latePriceFen"]!["value"] = 80000;

        var refused = await admin.PutAsync("/api/regions/guizhou/parameters", new StringContent(parameters.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.Contains("late-ordinary-waiting-period.json", problem);
        Assert.Contains("002_5a3c7e07e115e19e.txt", problem);
        var after = await JsonAsync(await admin.PostAsJsonAsync("/api/simulations", LateCase("guizhou")));
        Assert.Equal((830m, before), (after["amountDue"]!.GetValue<decimal>(), after["workflow"]!["version"]!.GetValue<int>()));
        Assert.Equal(83000, JsonNode.Parse(await admin.GetStringAsync("/api/regions/guizhou"))!["years"]!["2021"]!["latePriceFen"]!["value"]!.GetValue<int>());
    }
}
