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
/// The department inbox over HTTP with the shipped workflows and the seeded demo accounts: who sees which
/// task, who may claim and complete it, roster rows decided one by one, and every refusal audited.
/// </summary>
public sealed class InboxAccessTests : IDisposable
{
    private const string Password = "Demo@2026";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ri-inbox-");
    private readonly WebApplicationFactory<Program> _factory;

    public InboxAccessTests()
    {
        var shipped = PlatformHome.FindWorkflows(null, AppContext.BaseDirectory)!;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Workflows", $"Data Source={Path.Combine(_folder.FullName, "inbox.db")}");
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

    private static string Id(string area, string birthDate, int sequence)
    {
        var first17 = area + birthDate.Replace("-", "", StringComparison.Ordinal) + sequence.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
        return first17 + ResidentIdNumber.ComputeCheckDigit(first17);
    }

    private async Task<HttpClient> LoginAsync(string userName)
    {
        var client = _factory.CreateClient();
        var response = await client.SignInAsync(userName, Password);
        Assert.True(response.IsSuccessStatusCode, $"login {userName}: {(int)response.StatusCode}");
        return client;
    }

    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>A Zhashui 民政 list of three additions: the agency's flag task waits with a three-row roster.</summary>
    private async Task<string> StartZhashuiIdentityChangeAsync()
    {
        var admin = _factory.CreateAdminClient();
        var started = await JsonAsync(await admin.PostAsJsonAsync("/api/instances", new
        {
            definitionId = "zhashui-identity-change",
            input = new
            {
                region = "zhashui", benefitYear = 2024, department = "civil_affairs", submittedOn = "2023-10-16",
                changes = new[]
                {
                    new { idNumber = Id("611026", "1966-05-09", 11), name = "张低保", identity = "dibao", change = "add", recognizedOn = "2023-10-10" },
                    new { idNumber = Id("611026", "1967-06-10", 12), name = "李低保", identity = "dibao", change = "add", recognizedOn = "2023-10-11" },
                    new { idNumber = Id("611026", "1968-07-11", 13), name = "王特困", identity = "tekun", change = "add", recognizedOn = "2023-10-12" },
                },
            },
        }));
        return started["instance"]!["id"]!.GetValue<string>();
    }

    private static async Task<JsonArray> TasksAsync(HttpClient client, string? q = null) =>
        (await JsonAsync(await client.GetAsync("/api/tasks" + (q is null ? "" : "?q=" + Uri.EscapeDataString(q)))))["tasks"]!.AsArray();

    [Fact]
    public async Task Only_the_right_department_of_the_right_region_sees_claims_and_completes_a_roster_task_and_refusals_are_audited()
    {
        await StartZhashuiIdentityChangeAsync();

        var agency = await LoginAsync("zhashui.medical_insurance_agency");
        var task = Assert.Single(await TasksAsync(agency));
        var taskId = task!["taskId"]!.GetValue<string>();
        Assert.Equal(("zhashui", "medical_insurance_agency", 3), (task["region"]!.GetValue<string>(), task["department"]!.GetValue<string>(), task["rosterSize"]!.GetValue<int>()));
        Assert.Single(await TasksAsync(agency, "李低保"));
        Assert.Empty(await TasksAsync(agency, "赵六"));

        var zhashuiCivil = await LoginAsync("zhashui.civil_affairs");
        var pubeiCivil = await LoginAsync("pubei.civil_affairs");
        var zhashuiTax = await LoginAsync("zhashui.tax");
        Assert.Empty(await TasksAsync(zhashuiCivil));
        Assert.Empty(await TasksAsync(pubeiCivil));
        Assert.Equal(HttpStatusCode.Forbidden, (await pubeiCivil.GetAsync($"/api/tasks/{taskId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await zhashuiTax.PostAsync($"/api/tasks/{taskId}/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await zhashuiCivil.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "已标识" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClient().GetAsync("/api/tasks")).StatusCode);

        var detail = await JsonAsync(await agency.GetAsync($"/api/tasks/{taskId}"));
        Assert.Equal(["已标识", "退回部门"], detail["outcomes"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, (await agency.PostAsync($"/api/tasks/{taskId}/claim", null)).StatusCode);

        var noRows = await agency.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "已标识" });
        Assert.Equal(HttpStatusCode.BadRequest, noRows.StatusCode);
        var rejectWithoutReason = await agency.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new
        {
            outcome = "已标识",
            rows = new object[] { new { index = 1, decision = "accept" }, new { index = 2, decision = "reject" }, new { index = 3, decision = "accept" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, rejectWithoutReason.StatusCode);
        Assert.Equal("rows[1].reason", (await JsonAsync400(rejectWithoutReason))["field"]!.GetValue<string>());

        var done = await JsonAsync(await agency.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new
        {
            outcome = "已标识",
            rows = new object[] { new { index = 1, decision = "accept" }, new { index = 2, decision = "reject", reason = "认定日期与民政台账不符" }, new { index = 3, decision = "accept" } },
        }));
        Assert.Equal("Resumed", done["resume"]!.GetValue<string>());

        // The workflow moved on: the payable list now waits for 民政 of Zhashui to confirm, nobody else.
        Assert.Empty(await TasksAsync(agency));
        var confirm = Assert.Single(await TasksAsync(zhashuiCivil));
        Assert.Equal("civil_affairs", confirm!["department"]!.GetValue<string>());
        Assert.Empty(await TasksAsync(pubeiCivil));

        var audit = await JsonAsync2(await _factory.CreateAdminClient().GetAsync("/api/audit?take=100"));
        Assert.Contains(audit, e => e!["actor"]!.GetValue<string>() == "pubei.civil_affairs" && e["outcome"]!.GetValue<string>() == "denied" && e["target"]!.GetValue<string>() == taskId);
        Assert.Contains(audit, e => e!["actor"]!.GetValue<string>() == "zhashui.tax" && e["action"]!.GetValue<string>() == "task.claim");
        Assert.Contains(audit, e => e!["actor"]!.GetValue<string>() == "zhashui.medical_insurance_agency" && e["action"]!.GetValue<string>() == "task.complete" && e["outcome"]!.GetValue<string>() == "allowed");
    }

    [Fact]
    public async Task A_long_inbox_follows_the_workflows_as_tasks_are_done_and_added_and_is_searched_in_every_roster()
    {
        // 20 民政 lists: more than the inbox reads one by one, so the first list reads them all at once.
        var admin = _factory.CreateAdminClient();
        async Task<string> StartAsync(int n) => (await JsonAsync(await admin.PostAsJsonAsync("/api/instances", new
        {
            definitionId = "zhashui-identity-change",
            input = new
            {
                region = "zhashui", benefitYear = 2024, department = "civil_affairs", submittedOn = "2023-10-16",
                changes = new[] { new { idNumber = Id("611026", "1966-05-09", n), name = $"低保{n}号", identity = "dibao", change = "add", recognizedOn = "2023-10-10" } },
            },
        })))["instance"]!["id"]!.GetValue<string>();
        var instances = new List<string>();
        for (var n = 1; n <= 20; n++)
        {
            instances.Add(await StartAsync(n));
        }

        var agency = await LoginAsync("zhashui.medical_insurance_agency");
        var civil = await LoginAsync("zhashui.civil_affairs");
        var listed = await TasksAsync(agency);
        Assert.Equal(instances.Order(), listed.Select(t => t!["instanceId"]!.GetValue<string>()).Order());
        Assert.All(listed, t => Assert.Equal(1, t!["rosterSize"]!.GetValue<int>()));
        var seventh = Assert.Single(await TasksAsync(agency, "低保7号"));
        Assert.Equal(instances[6], seventh!["instanceId"]!.GetValue<string>());
        Assert.Single(await TasksAsync(agency, Id("611026", "1966-05-09", 12)));

        // One is done: it leaves the agency's inbox and the next task of its workflow is in 民政's.
        var taskId = seventh["taskId"]!.GetValue<string>();
        Assert.Equal("Resumed", (await JsonAsync(await agency.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "已标识", rows = new[] { new { index = 1, decision = "accept" } } })))["resume"]!.GetValue<string>());
        Assert.Equal(19, (await TasksAsync(agency)).Count);
        Assert.Empty(await TasksAsync(agency, "低保7号"));
        Assert.Equal(instances[6], Assert.Single(await TasksAsync(civil))!["instanceId"]!.GetValue<string>());

        // One more arrives after the inbox was read: listed, and found by its roster.
        var added = await StartAsync(21);
        Assert.Equal(20, (await TasksAsync(agency)).Count);
        Assert.Equal(added, Assert.Single(await TasksAsync(agency, "低保21号"))!["instanceId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_second_clerk_cannot_take_a_claimed_task_and_the_holder_can_release_it()
    {
        await StartZhashuiIdentityChangeAsync();
        var first = await LoginAsync("zhashui.medical_insurance_agency");
        var taskId = (await TasksAsync(first))[0]!["taskId"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await first.PostAsync($"/api/tasks/{taskId}/claim", null)).StatusCode);

        var admin = _factory.CreateAdminClient();
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/tasks/{taskId}/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/tasks/{taskId}/release", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await first.PostAsync($"/api/tasks/{taskId}/release", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/tasks/{taskId}/claim", null)).StatusCode);
    }

    [Fact]
    public async Task A_change_made_with_the_login_cookie_needs_the_pages_antiforgery_token_and_another_users_token_does_not_do()
    {
        await StartZhashuiIdentityChangeAsync();
        var clerk = await LoginAsync("zhashui.medical_insurance_agency");
        var taskId = (await TasksAsync(clerk))[0]!["taskId"]!.GetValue<string>();
        var token = clerk.DefaultRequestHeaders.GetValues("X-CSRF-TOKEN").Single();

        // A cross-site form or script rides on the cookie but cannot read the token: refused, nothing claimed.
        clerk.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        var forged = await clerk.PostAsync($"/api/tasks/{taskId}/claim", null);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("跨站请求校验失败", (await JsonAsync400(forged))["title"]!.GetValue<string>());
        Assert.Null((await TasksAsync(clerk))[0]!["claimedBy"]);

        // Another user's token is not this session's.
        var other = await LoginAsync("zhashui.tax");
        clerk.DefaultRequestHeaders.Add("X-CSRF-TOKEN", other.DefaultRequestHeaders.GetValues("X-CSRF-TOKEN").Single());
        Assert.Equal(HttpStatusCode.BadRequest, (await clerk.PostAsync($"/api/tasks/{taskId}/claim", null)).StatusCode);

        // The page's own token (also handed out again by /api/auth/me after a reload) does.
        clerk.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        var again = JsonNode.Parse(await clerk.GetStringAsync("/api/auth/me"))!["csrfToken"]!.GetValue<string>();
        clerk.DefaultRequestHeaders.Add("X-CSRF-TOKEN", again);
        Assert.Equal(HttpStatusCode.OK, (await clerk.PostAsync($"/api/tasks/{taskId}/claim", null)).StatusCode);
        clerk.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        clerk.DefaultRequestHeaders.Add("X-CSRF-TOKEN", token);
        Assert.Equal(HttpStatusCode.NoContent, (await clerk.PostAsync($"/api/tasks/{taskId}/release", null)).StatusCode);

        // Systems with an API key carry no cookie and no token.
        Assert.Equal(HttpStatusCode.OK, (await _factory.CreateAdminClient().PostAsync($"/api/tasks/{taskId}/claim", null)).StatusCode);
    }

    [Fact]
    public async Task Systems_and_administrators_are_held_to_their_region_a_wrong_password_is_refused_and_audited()
    {
        var zhashuiTaxFeed = _factory.CreateClient();
        zhashuiTaxFeed.DefaultRequestHeaders.Add("X-Api-Key", "demo-zhashui-tax-key");
        var notice = new { region = "zhashui", eventName = "tax.payment-notice", correlationKey = "611026196605090110/2024", idempotencyKey = "TX-1", payload = new { amountFen = 38000 } };
        Assert.Equal("Parked", (await JsonAsync(await zhashuiTaxFeed.PostAsJsonAsync("/api/events", notice)))["outcome"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await zhashuiTaxFeed.PostAsJsonAsync("/api/events", notice with { region = "pubei" })).StatusCode);

        var bogus = _factory.CreateClient();
        bogus.DefaultRequestHeaders.Add("X-Api-Key", "not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await bogus.GetAsync("/api/regions")).StatusCode);

        var zhashuiAdmin = await LoginAsync("zhashui.admin");
        var pubeiDefinition = await File.ReadAllTextAsync(Path.Combine(PlatformHome.FindWorkflows(null, AppContext.BaseDirectory)!, "pubei", "refund.json"));
        Assert.Equal(HttpStatusCode.Forbidden, (await zhashuiAdmin.PostAsync("/api/definitions", new StringContent(pubeiDefinition, System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        var listed = JsonNode.Parse(await zhashuiAdmin.GetStringAsync("/api/definitions?region=pubei"))!.AsArray();
        Assert.All(listed, d => Assert.Equal("zhashui", d!["tenantId"]!.GetValue<string>()));

        var wrong = await _factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { userName = "zhashui.civil_affairs", password = "wrong" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var audit = await JsonAsync2(await _factory.CreateAdminClient().GetAsync("/api/audit"));
        Assert.Contains(audit, e => e!["action"]!.GetValue<string>() == "auth.login" && e["outcome"]!.GetValue<string>() == "denied");
        Assert.Contains(audit, e => e!["action"]!.GetValue<string>() == "definition.save" && e["actor"]!.GetValue<string>() == "zhashui.admin");
    }

    private static async Task<JsonObject> JsonAsync400(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    private static async Task<JsonArray> JsonAsync2(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsArray();
    }
}
