using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace ResidentInsurance.Host.Tests;

/// <summary>The host's API over HTTP on a real SQLite file, restarted mid-workflow.</summary>
public sealed class HostApiTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ri-host-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private WebApplicationFactory<Program> Host() => new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
    {
        b.UseSetting("ConnectionStrings:Workflows", $"Data Source={Path.Combine(_folder.FullName, "host.db")}");
        b.UseSetting("Engine:WorkflowsDirectory", _folder.CreateSubdirectory("workflows").FullName);
        b.UseSetting("Engine:RunBackgroundServices", "false");
    });

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    [Fact]
    public async Task A_registration_waits_for_the_tax_notice_then_a_task_completed_over_HTTP_finishes_it_across_a_restart()
    {
        string instanceId;
        using (var factory = Host())
        {
            var client = factory.CreateAdminClient();
            var health = JsonNode.Parse(await client.GetStringAsync("/health/ready"))!;
            Assert.Equal("Healthy", health["status"]!.GetValue<string>());
            var checks = health["checks"]!.AsArray().ToDictionary(c => c!["name"]!.GetValue<string>(), c => c!["status"]!.GetValue<string>());
            Assert.Equal("Healthy", checks["store"]);
            Assert.Equal("Healthy", checks["masstransit-bus"]);
            await ReadAsync(await client.PostAsync("/api/definitions?publish=true", Json(File.ReadAllText("Workflows/pay-then-record.json"))));

            var started = await ReadAsync(await client.PostAsJsonAsync("/api/instances",
                new { definitionId = "hosttest-enrollment", input = new { idNumber = "520102198503150016", benefitYear = 2021 } }));
            instanceId = started["instance"]!["id"]!.GetValue<string>();
            Assert.Equal("Suspended", started["instance"]!["status"]!.GetValue<string>());

            var notice = new { region = "hosttest", eventName = "tax.payment-notice", correlationKey = "520102198503150016/2021", idempotencyKey = "TX-0001", payload = new { amountFen = 28000, paidOn = "2021-02-10" } };
            Assert.Equal("Resumed", (await ReadAsync(await client.PostAsJsonAsync("/api/events", notice)))["outcome"]!.GetValue<string>());
            Assert.Equal("AlreadyHandled", (await ReadAsync(await client.PostAsJsonAsync("/api/events", notice)))["outcome"]!.GetValue<string>());
        }

        using (var restarted = Host())
        {
            var client = restarted.CreateAdminClient();
            var state = await ReadAsync(await client.GetAsync($"/api/instances/{instanceId}"));
            var task = state["bookmarks"]!.AsArray().Single()!;
            Assert.Equal("登记待遇：520102…，缴费 280 元", task["payload"]!["title"]!.GetValue<string>());

            var wrong = await client.PostAsJsonAsync($"/api/bookmarks/{task["id"]}/resume", new { idempotencyKey = "done-1", payload = new { outcome = "驳回" } });
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);

            var done = await ReadAsync(await client.PostAsJsonAsync($"/api/bookmarks/{task["id"]}/resume", new { idempotencyKey = "done-1", payload = new { outcome = "已登记" } }));
            Assert.Equal(("Resumed", "Finished"), (done["outcome"]!.GetValue<string>(), done["status"]!.GetValue<string>()));
            var journal = (await ReadAsync(await client.GetAsync($"/api/instances/{instanceId}")))["journal"]!.AsArray();
            Assert.Contains(journal, j => j!["activityId"]!.GetValue<string>() == "record" && j["event"]!.GetValue<string>() == "Resumed");
        }
    }

    [Fact]
    public async Task The_workflows_folder_is_loaded_at_start_up_once_and_a_broken_file_does_not_stop_the_host()
    {
        var workflows = _folder.CreateSubdirectory("workflows");
        var region = workflows.CreateSubdirectory("hosttest");
        File.Copy("Workflows/pay-then-record.json", Path.Combine(region.FullName, "enrollment.json"));
        File.WriteAllText(Path.Combine(region.FullName, "broken.json"), "{ \"definitionId\": \"hosttest-broken\", \"root\": ");

        for (var start = 0; start < 2; start++)
        {
            using var factory = Host();
            var client = factory.CreateAdminClient();
            var listed = JsonNode.Parse(await client.GetStringAsync("/api/definitions?region=hosttest"))!.AsArray();

            var definition = Assert.Single(listed)!;
            Assert.Equal(("hosttest-enrollment", 1, true), (definition["definitionId"]!.GetValue<string>(), definition["version"]!.GetValue<int>(), definition["isPublished"]!.GetValue<bool>()));
            Assert.Equal("file", definition["provenance"]!["kind"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Ready_health_names_the_bus_as_unhealthy_when_RabbitMQ_cannot_be_reached_while_live_still_answers()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Workflows", $"Data Source={Path.Combine(_folder.FullName, "nobus.db")}");
            b.UseSetting("Engine:WorkflowsDirectory", _folder.CreateSubdirectory("workflows").FullName);
            b.UseSetting("Engine:RunBackgroundServices", "false");
            b.UseSetting("Messaging:Transport", "RabbitMq");
            b.UseSetting("Messaging:RabbitMq:Host", "127.0.0.1");
            b.UseSetting("Messaging:RabbitMq:Port", "1");
        });
        var client = factory.CreateAdminClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var checks = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!["checks"]!.AsArray()
            .ToDictionary(c => c!["name"]!.GetValue<string>(), c => c!["status"]!.GetValue<string>());
        Assert.Equal("Healthy", checks["store"]);
        Assert.NotEqual("Healthy", checks["masstransit-bus"]);
    }

    [Fact]
    public async Task The_regions_the_contract_accepts_are_listed_with_their_published_processes_and_an_unknown_region_is_404()
    {
        var shipped = ResidentInsurance.Engine.Definitions.PlatformHome.FindWorkflows(null, AppContext.BaseDirectory)!;
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Workflows", $"Data Source={Path.Combine(_folder.FullName, "regions.db")}");
            b.UseSetting("Engine:WorkflowsDirectory", shipped);
            b.UseSetting("Engine:RunBackgroundServices", "false");
        });
        var client = factory.CreateAdminClient();

        var regions = JsonNode.Parse(await client.GetStringAsync("/api/regions"))!.AsArray();
        Assert.Equal(["guizhou", "liuzhou", "pubei", "zhashui"], regions.Select(r => r!["code"]!.GetValue<string>()));
        var zhashui = regions.Single(r => r!["code"]!.GetValue<string>() == "zhashui")!;
        Assert.Equal(("柞水县", "county"), (zhashui["name"]!.GetValue<string>(), zhashui["level"]!.GetValue<string>()));
        Assert.Contains(zhashui["departments"]!.AsArray(), d => d!["name"]!.GetValue<string>() == "民政");
        Assert.Equal(["zhashui-enrollment", "zhashui-identity-change", "zhashui-refund", "zhashui-subsidy-approval"],
            zhashui["processes"]!.AsArray().Select(p => p!["definitionId"]!.GetValue<string>()));

        var liuzhou = JsonNode.Parse(await client.GetStringAsync("/api/regions/liuzhou"))!;
        Assert.Equal(12, liuzhou["years"]!["2021"]!["identityChange"]!["listDeadline"]!["day"]!.GetValue<int>());
        Assert.Contains(liuzhou["processes"]!.AsArray(), p => p!["definitionId"]!.GetValue<string>() == "liuzhou-student-enrollment");

        var unknown = await client.GetAsync("/api/regions/atlantis");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("地区不存在", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Bad_definitions_and_bad_cases_are_answered_400_naming_the_problem()
    {
        using var factory = Host();
        var client = factory.CreateAdminClient();

        var definition = await client.PostAsync("/api/definitions", Json("""{ "definitionId": "x", "tenantId": "hosttest", "root": { "type": "Elsa.Flowchart", "activities": [ { "id": "a", "type": "Acme.Nope" } ] } }"""));
        var simulation = await client.PostAsync("/api/simulations", Json("""{ "region": "hosttest", "benefitYear": 2021, "action": "enroll", "paidOn": "2021-02-30", "person": { "idNumber": "520102198503150016", "name": "张三", "birthDate": "1985-03-15" } }"""));
        var unknown = await client.GetAsync("/api/definitions/nope-enrollment");

        Assert.Equal(HttpStatusCode.BadRequest, definition.StatusCode);
        Assert.Contains("Acme.Nope", await definition.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, simulation.StatusCode);
        Assert.Equal("paidOn", JsonNode.Parse(await simulation.Content.ReadAsStringAsync())!["field"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
