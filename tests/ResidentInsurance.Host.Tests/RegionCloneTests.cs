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
/// Clone Guizhou into a new region (processes, parameters and case files), change two parameters (and the cases
/// they break), and the diff shows exactly those two; the next
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
        var guizhouCases = JsonNode.Parse(await admin.GetStringAsync("/api/regions/guizhou/cases"))!.AsArray();
        var demoCases = JsonNode.Parse(await admin.GetStringAsync("/api/regions/demo-county/cases"))!.AsArray();
        Assert.Equal(guizhouCases.Select(c => c!["name"]!.GetValue<string>()), demoCases.Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal(guizhouCases.Count, cloned["caseFiles"]!.GetValue<int>());
        Assert.All(demoCases, c => Assert.Equal(("platform", "guizhou"), (c!["origin"]!.GetValue<string>(), c["sourceRegion"]!.GetValue<string>())));

        var before = (await JsonAsync(await admin.PostAsJsonAsync("/api/simulations", LateCase("demo-county"))))!;
        Assert.Equal((830m, "demo-county-enrollment"), (before["amountDue"]!.GetValue<decimal>(), before["workflow"]!["definitionId"]!.GetValue<string>()));
        var running = await JsonAsync(await admin.PostAsJsonAsync("/api/instances", new { definitionId = "demo-county-enrollment", input = LateCase("demo-county") }));
        var runningId = running["instance"]!["id"]!.GetValue<string>();

        var parameters = JsonNode.Parse(await admin.GetStringAsync("/api/regions/demo-county"))!.AsObject();
        parameters.Remove("processes");
        parameters["years"]!["2021"]!["latePriceFen"]!["value"] = 80000;
        parameters["years"]!["2021"]!["newbornWindowDays"]!["value"] = 60;
        var body = parameters.ToJsonString();

        // Guizhou's case files came with the clone (now about demo-county) and hold it to Guizhou's prices: refused,
        // each case that pins a changed parameter named with its clause.
        var refused = await admin.PutAsync("/api/regions/demo-county/parameters", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var refusal = await refused.Content.ReadAsStringAsync();
        string[] latePriceCases = ["employee-transfer-after-90.json", "late-dibao-no-dynamic.json", "late-ordinary-waiting-period.json", "newborn-day-91.json"];
        foreach (var name in latePriceCases.Append("newborn-day-90.json"))
        {
            Assert.Contains($"demo-county/cases/{name}", refusal);
        }

        // The county's administrator brings its cases in line with its own notice: the late price cases expect 800,
        // Guizhou's 90-day newborn case does not describe a 60-day rule and is withdrawn.
        foreach (var name in latePriceCases)
        {
            var caseFile = JsonNode.Parse(await admin.GetStringAsync($"/api/regions/demo-county/cases/{name}"))!.AsObject();
            Assert.Equal("demo-county", caseFile["case"]!["region"]!.GetValue<string>());
            Assert.Equal(830m, caseFile["expected"]!["amountDue"]!.GetValue<decimal>());
            caseFile["expected"]!["amountDue"] = 800;
            var saved = await JsonAsync(await admin.PutAsync($"/api/regions/demo-county/cases/{name}", new StringContent(caseFile.ToJsonString(), Encoding.UTF8, "application/json")));
            Assert.False(saved["published"]!["holds"]!.GetValue<bool>()); // the published version still charges 830
            Assert.Contains("amountDue: expected 800, got 830.00", saved["published"]!["differences"]!.ToJsonString());
        }

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/regions/demo-county/cases/newborn-day-90.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/regions/demo-county/cases/newborn-day-90.json")).StatusCode);
        var update = await JsonAsync(await admin.PutAsync("/api/regions/demo-county/parameters", new StringContent(body, Encoding.UTF8, "application/json")));
        Assert.Equal(4, update["republished"]!.AsArray().Count);

        var diff = await JsonAsync(await admin.GetAsync("/api/regions/diff?left=guizhou&right=demo-county"));
        Assert.Equal(["years/2021/latePriceFen/value", "years/2021/newbornWindowDays/value"], diff["parameters"]!.AsArray().Select(c => c!["path"]!.GetValue<string>()));
        Assert.Equal((83000, 80000), (diff["parameters"]![0]!["left"]!.GetValue<int>(), diff["parameters"]![0]!["right"]!.GetValue<int>()));
        Assert.Equal(("830.00 元", "800.00 元", "002 三"), (diff["parameters"]![0]!["leftText"]!.GetValue<string>(), diff["parameters"]![0]!["rightText"]!.GetValue<string>(), diff["parameters"]![0]!["leftSource"]!.GetValue<string>()));
        Assert.Contains("830元", diff["parameters"]![0]!["note"]!.GetValue<string>());
        Assert.Empty(diff["activities"]!.AsArray());

        var after = await JsonAsync(await admin.PostAsJsonAsync("/api/simulations", LateCase("demo-county")));
        Assert.Equal((800m, 2), (after["amountDue"]!.GetValue<decimal>(), after["workflow"]!["version"]!.GetValue<int>()));
        Assert.Equal(830m, (await JsonAsync(await admin.PostAsJsonAsync("/api/simulations", LateCase("guizhou"))))["amountDue"]!.GetValue<decimal>());

        // Version against version: the new one pins the two changed parameters, nothing else.
        var versions = await JsonAsync(await admin.GetAsync("/api/definitions/demo-county-enrollment/diff?left=1&right=2"));
        Assert.Equal(["years/2021/latePriceFen/value", "years/2021/newbornWindowDays/value"], versions["parameters"]!.AsArray().Select(c => c!["path"]!.GetValue<string>()));
        Assert.Empty(versions["activities"]!.AsArray());
        Assert.Empty(versions["scripts"]!.AsArray());
        Assert.Equal("相对 v1：参数 years/2021/latePriceFen/value 83000 → 80000、years/2021/newbornWindowDays/value 90 → 60", versions["summary"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/definitions/demo-county-enrollment/diff?left=1&right=9")).StatusCode);

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

    [Fact]
    public async Task A_region_keeps_its_case_files_checked_withdraws_a_shipped_one_and_only_its_administrator_may()
    {
        var admin = _factory.CreateAdminClient();
        var shipped = JsonNode.Parse(await admin.GetStringAsync("/api/regions/guizhou/cases/late-ordinary-waiting-period.json"))!.AsObject();
        Assert.Equal("三、四(二)", shipped["source"]!["clause"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/regions/guizhou/cases/no-such-case.json")).StatusCode);

        // A case must cite its document and clause, name its own region, and be a valid contract case.
        async Task<string> RefusedAsync(JsonObject document, string name = "added.json")
        {
            var response = await admin.PutAsync($"/api/regions/guizhou/cases/{name}", new StringContent(document.ToJsonString(), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        var noClause = shipped.DeepClone().AsObject();
        noClause["source"]!.AsObject().Remove("clause");
        Assert.Contains("source.clause", await RefusedAsync(noClause));
        var otherRegion = shipped.DeepClone().AsObject();
        otherRegion["case"]!["region"] = "zhashui";
        Assert.Contains("case.region", await RefusedAsync(otherRegion));
        var badId = shipped.DeepClone().AsObject();
        badId["case"]!["person"]!["idNumber"] = "520102198503150017";
        Assert.Contains("idNumber", await RefusedAsync(badId));
        Assert.Contains("is not a case file name", await RefusedAsync(shipped, "Bad Name.txt"));
        var notJson = await admin.PutAsync("/api/regions/guizhou/cases/added.json", new StringContent("{\"kind\":", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);

        // An added case is checked against the published version at once and gates the next publication.
        var added = shipped.DeepClone().AsObject();
        added["description"] = "补充：5月2日缴费";
        added["case"]!["paidOn"] = "2021-05-02";
        added["expected"]!["benefitStart"] = "2021-07-02";
        var saved = await JsonAsync(await admin.PutAsync("/api/regions/guizhou/cases/late-may-second.json", new StringContent(added.ToJsonString(), Encoding.UTF8, "application/json")));
        Assert.True(saved["published"]!["holds"]!.GetValue<bool>(), saved.ToJsonString());
        var list = JsonNode.Parse(await admin.GetStringAsync("/api/regions/guizhou/cases"))!.AsArray();
        Assert.Contains(list, c => c!["name"]!.GetValue<string>() == "late-may-second.json" && c["origin"]!.GetValue<string>() == "platform");

        // Withdrawing a shipped case keeps the file on disk and removes it from the region's list.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/regions/guizhou/cases/late-ordinary-waiting-period.json")).StatusCode);
        Assert.DoesNotContain(JsonNode.Parse(await admin.GetStringAsync("/api/regions/guizhou/cases"))!.AsArray(), c => c!["name"]!.GetValue<string>() == "late-ordinary-waiting-period.json");
        Assert.True(File.Exists(Path.Combine(PlatformHome.FindWorkflows(null, AppContext.BaseDirectory)!, "guizhou", "cases", "late-ordinary-waiting-period.json")));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/api/regions/guizhou/cases/late-ordinary-waiting-period.json")).StatusCode);

        var audit = JsonNode.Parse(await admin.GetStringAsync("/api/audit"))!.AsArray();
        Assert.Contains(audit, e => e!["action"]!.GetValue<string>() == "region.case" && e["target"]!.GetValue<string>() == "guizhou/late-may-second.json");
    }

    [Fact]
    public async Task A_clone_is_told_when_its_source_publishes_a_newer_version_and_what_changed()
    {
        var admin = _factory.CreateAdminClient();
        await JsonAsync(await admin.PostAsJsonAsync("/api/regions/demo-county/clone", new { source = "guizhou" }));
        var before = (await JsonAsync(await admin.GetAsync("/api/regions/demo-county/upstream"))).AsArray();
        Assert.Equal(4, before.Count);
        Assert.All(before, n => Assert.False(n!["newer"]!.GetValue<bool>()));
        Assert.Empty((await JsonAsync(await admin.GetAsync("/api/regions/guizhou/upstream"))).AsArray());

        // Guizhou publishes a new enrollment version (through its case files).
        var source = JsonNode.Parse(await admin.GetStringAsync("/api/definitions/guizhou-enrollment"))!.AsObject();
        source["description"] = "002号通知（2021-06 修订说明）";
        var published = await JsonAsync(await admin.PostAsync("/api/definitions?publish=true", new StringContent(source.ToJsonString(), Encoding.UTF8, "application/json")));
        Assert.Equal(2, published["version"]!.GetValue<int>());

        var after = (await JsonAsync(await admin.GetAsync("/api/regions/demo-county/upstream"))).AsArray();
        var enrollment = after.Single(n => n!["definitionId"]!.GetValue<string>() == "demo-county-enrollment")!;
        Assert.True(enrollment["newer"]!.GetValue<bool>());
        Assert.Equal((1, 2), (enrollment["clonedFromVersion"]!.GetValue<int>(), enrollment["sourcePublishedVersion"]!.GetValue<int>()));
        Assert.Equal(["description"], enrollment["changes"]!["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Contains("已发布第 2 版", enrollment["message"]!.GetValue<string>());
        Assert.All(after.Where(n => n != enrollment), n => Assert.False(n!["newer"]!.GetValue<bool>()));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/regions/atlantis/upstream")).StatusCode);
    }

    [Fact]
    public async Task The_clones_own_administrator_changes_an_expression_in_the_Studio_and_publishes_without_a_restart()
    {
        var admin = _factory.CreateAdminClient();
        await JsonAsync(await admin.PostAsJsonAsync("/api/regions/demo-county/clone", new { source = "guizhou", name = "示范县" }));
        var running = await JsonAsync(await admin.PostAsJsonAsync("/api/instances", new { definitionId = "demo-county-enrollment", input = LateCase("demo-county") }));

        // The system administrator opens the county's policy administrator account: no restart.
        var account = new { userName = "demo-county.admin", displayName = "示范县政策管理员", password = "Shifan-2026x", role = "policy_admin", region = "demo-county" };
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/accounts", account)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/accounts", account)).StatusCode);
        Assert.Contains("password", await (await admin.PostAsJsonAsync("/api/accounts", account with { userName = "demo-county.other", password = "short" })).Content.ReadAsStringAsync());
        Assert.Contains("region", await (await admin.PostAsJsonAsync("/api/accounts", account with { userName = "atlantis.admin", region = "atlantis" })).Content.ReadAsStringAsync());
        var clerk = new { userName = "demo-county.x", displayName = "x", password = "Shifan-2026x", role = "staff", region = "demo-county", department = "no_such_department" };
        Assert.Contains("department", await (await admin.PostAsJsonAsync("/api/accounts", clerk)).Content.ReadAsStringAsync());

        // The county's administrator, in the Studio's API: an expression of the proxy payment task changed and published.
        var studio = await _factory.CreateStudioClientAsync("demo-county.admin", "Shifan-2026x");
        var model = await JsonAsync(await studio.GetAsync("/elsa/api/workflow-definitions/by-definition-id/demo-county-enrollment?versionOptions=Latest"));
        var task = model["root"]!["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "proxy-payment")!;
        task["title"]!["expression"]!["value"] = "'示范县代缴：' + input.person.name";
        var published = await JsonAsync(await studio.PostAsJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = model.DeepClone(), ["publish"] = true }));
        Assert.Equal((2, true), (published["workflowDefinition"]!["version"]!.GetValue<int>(), published["workflowDefinition"]!["isPublished"]!.GetValue<bool>()));
        var next = await JsonAsync(await admin.PostAsJsonAsync("/api/simulations", LateCase("demo-county")));
        Assert.Equal(2, next["workflow"]!["version"]!.GetValue<int>());
        Assert.Equal(1, (await JsonAsync(await admin.GetAsync($"/api/instances/{running["instance"]!["id"]}")))["instance"]!["version"]!.GetValue<int>());
        var diff = await JsonAsync(await admin.GetAsync("/api/definitions/demo-county-enrollment/diff?left=1&right=2"));
        Assert.Equal("proxy-payment", Assert.Single(diff["activities"]!.AsArray())!["activityId"]!.GetValue<string>());
        Assert.Empty(diff["fields"]!.AsArray()); // the defaults the Studio writes back (options, empty inputs …) are no change

        // Guizhou's administrator cannot publish the county's processes, nor the county's Guizhou's.
        var guizhou = await _factory.CreateStudioClientAsync("guizhou.admin");
        Assert.Equal(HttpStatusCode.Forbidden, (await guizhou.PostAsJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = model.DeepClone(), ["publish"] = true })).StatusCode);
        var guizhouModel = await JsonAsync(await guizhou.GetAsync("/elsa/api/workflow-definitions/by-definition-id/guizhou-enrollment?versionOptions=Latest"));
        Assert.Equal(HttpStatusCode.Forbidden, (await studio.PostAsJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = guizhouModel.DeepClone(), ["publish"] = false })).StatusCode);
        Assert.Contains(JsonNode.Parse(await admin.GetStringAsync("/api/audit"))!.AsArray(), e => e!["action"]!.GetValue<string>() == "account.create" && e["target"]!.GetValue<string>() == "demo-county.admin");
    }
}
