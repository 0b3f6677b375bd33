using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ResidentInsurance.Engine.Definitions;

namespace ResidentInsurance.Host.Tests;

/// <summary>
/// Every door: the host's own endpoint list against a rule per endpoint, tried as anonymous, another region,
/// another department of the region, the right department, the region's policy administrator and the system
/// administrator. A new endpoint without a rule here fails the test.
/// </summary>
public sealed class AuthorizationMatrixTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ri-matrix-");
    private readonly string _workflows = PlatformHome.FindWorkflows(null, AppContext.BaseDirectory)!;
    private readonly WebApplicationFactory<Program> _factory;

    public AuthorizationMatrixTests()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Workflows", $"Data Source={Path.Combine(_folder.FullName, "matrix.db")}");
            b.UseSetting("Engine:WorkflowsDirectory", _workflows);
            b.UseSetting("Engine:RunBackgroundServices", "false");
            b.UseSetting("Access:PasswordIterations", "1000");
            b.UseSetting("Access:LoginAttemptsPerMinute", "1000");
        });
    }

    public void Dispose()
    {
        _factory.Dispose();
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private enum Rule
    {
        Anonymous,      // anyone, also without an account
        Login,          // anyone; wrong credentials are answered 401 by the endpoint itself
        Authenticated,  // any account
        Scoped,         // any account, answered with the caller's own region only
        Region,         // accounts of the resource's region
        Department,     // the resource's department in its region (and the system administrator)
        Tax,            // the region's tax department (and the system administrator)
        PolicyAdmin,    // the region's policy administrator (and the system administrator)
        SystemAdmin,
        StaffOnly,      // a department's clerk (it acts for the clerk's own department and region)
    }

    private sealed record Principal(string Name, Func<HttpClient, Task> SignIn, bool Anonymous = false, bool OtherRegion = false, bool SameRegionOtherDepartment = false, bool RightDepartment = false, bool RegionAdmin = false, bool SystemAdmin = false);

    private sealed record Door(string Method, string Pattern, Rule Rule, Func<Ids, HttpRequestMessage> Request);

    private sealed record Ids(string TaskId, string InstanceId, string BookmarkId, string Resident, string DefinitionVersionId = "", string ExecutionId = "");

    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);


    private static HttpRequestMessage Post(string path, object? body = null) => new(HttpMethod.Post, path)
    {
        Content = body is null ? null : body as HttpContent ?? JsonContent.Create(body),
    };

    private IEnumerable<Door> Doors(string refundDefinition) =>
    [
        new("*", "/health/live", Rule.Anonymous, _ => Get("/health/live")),
        new("*", "/health/ready", Rule.Anonymous, _ => Get("/health/ready")),
        new("GET", "/openapi/{documentName}.json", Rule.Anonymous, _ => Get("/openapi/v1.json")),
        new("GET", "/scalar/{documentName?}", Rule.Anonymous, _ => Get("/scalar/v1")),
        new("GET", "/scalar/scalar.js", Rule.Anonymous, _ => Get("/scalar/scalar.js")),
        new("GET", "/scalar/scalar.aspnetcore.js", Rule.Anonymous, _ => Get("/scalar/scalar.aspnetcore.js")),
        new("GET", "/scalar/favicon.svg", Rule.Anonymous, _ => Get("/scalar/favicon.svg")),
        new("POST", "/api/auth/login", Rule.Login, _ => Post("/api/auth/login", new { userName = "nobody", password = "x" })),
        new("GET", "/api/auth/me", Rule.Authenticated, _ => Get("/api/auth/me")),
        new("GET", "/api/regions", Rule.Authenticated, _ => Get("/api/regions")),
        new("GET", "/api/regions/{code}", Rule.Authenticated, _ => Get("/api/regions/zhashui")),
        new("POST", "/api/simulations", Rule.Authenticated, _ => Post("/api/simulations", new { region = "zhashui" })),
        new("GET", "/api/definitions/", Rule.Scoped, _ => Get("/api/definitions?region=zhashui")),
        new("GET", "/api/definitions/{definitionId}/versions", Rule.Authenticated, _ => Get("/api/definitions/zhashui-enrollment/versions")),
        new("GET", "/api/definitions/{definitionId}", Rule.Authenticated, _ => Get("/api/definitions/zhashui-enrollment")),
        new("GET", "/api/instances", Rule.Scoped, _ => Get("/api/instances?region=zhashui")),
        new("GET", "/api/stimuli/parked", Rule.Scoped, _ => Get("/api/stimuli/parked?region=zhashui")),
        new("GET", "/api/tasks/", Rule.Scoped, _ => Get("/api/tasks")),
        new("GET", "/api/residents/{idNumber}/records", Rule.Scoped, ids => Get($"/api/residents/{ids.Resident}/records")),
        new("GET", "/api/instances/{id}", Rule.Region, ids => Get($"/api/instances/{ids.InstanceId}")),
        new("POST", "/api/instances", Rule.Region, _ => Post("/api/instances", new { definitionId = "zhashui-enrollment", input = new { } })),
        new("GET", "/api/campaign/{region}/{benefitYear:int}", Rule.Region, _ => Get("/api/campaign/zhashui/2024?asOf=2023-12-01")),
        new("GET", "/api/campaign/{region}/{benefitYear:int}/weekly", Rule.Region, _ => Get("/api/campaign/zhashui/2024/weekly?from=2023-11-01&to=2023-12-01")),
        new("GET", "/api/tasks/{taskId}", Rule.Department, ids => Get($"/api/tasks/{ids.TaskId}")),
        new("POST", "/api/tasks/{taskId}/claim", Rule.Department, ids => Post($"/api/tasks/{ids.TaskId}/claim")),
        new("POST", "/api/tasks/{taskId}/release", Rule.Department, ids => Post($"/api/tasks/{ids.TaskId}/release")),
        new("POST", "/api/tasks/{taskId}/complete", Rule.Department, ids => Post($"/api/tasks/{ids.TaskId}/complete", new { outcome = "not-an-outcome" })),
        new("POST", "/api/instances/{id}/retry", Rule.Department, ids => Post($"/api/instances/{ids.InstanceId}/retry")),
        new("POST", "/api/events", Rule.Tax, _ => Post("/api/events", new { region = "zhashui", eventName = "tax.payment-notice", correlationKey = "x/2024", idempotencyKey = "matrix-" + Guid.NewGuid(), payload = new { } })),
        new("POST", "/api/tax/payment-notices", Rule.Tax, _ => Post("/api/tax/payment-notices", new { region = "zhashui", notices = Array.Empty<object>() })),
        new("POST", "/api/definitions/", Rule.PolicyAdmin, _ => Post("/api/definitions", new StringContent(refundDefinition, Encoding.UTF8, "application/json"))),
        new("POST", "/api/definitions/{definitionId}/publish", Rule.PolicyAdmin, _ => Post("/api/definitions/zhashui-refund/publish")),
        new("GET", "/api/audit", Rule.PolicyAdmin, _ => Get("/api/audit")),
        new("POST", "/api/bookmarks/{id}/resume", Rule.SystemAdmin, ids => Post($"/api/bookmarks/{ids.BookmarkId}/resume", new { idempotencyKey = "matrix", payload = new { outcome = "not-an-outcome" } })),
        new("POST", "/api/definitions/{definitionId}/retract", Rule.PolicyAdmin, _ => Post("/api/definitions/zhashui-refund/retract")),
        new("GET", "/api/regions/diff", Rule.Authenticated, _ => Get("/api/regions/diff?left=guizhou&right=zhashui")),
        new("POST", "/api/regions/{target}/clone", Rule.SystemAdmin, _ => Post("/api/regions/matrix-county/clone", new { source = "atlantis" })),
        new("PUT", "/api/regions/{code}/parameters", Rule.PolicyAdmin, _ => new HttpRequestMessage(HttpMethod.Put, "/api/regions/zhashui/parameters") { Content = new StringContent("not json", Encoding.UTF8, "application/json") }),
        new("GET", "/api/definitions/{definitionId}/diff", Rule.Region, _ => Get("/api/definitions/zhashui-refund/diff")),
        new("POST", "/api/definitions/{definitionId}/what-if", Rule.PolicyAdmin, _ => Post("/api/definitions/zhashui-enrollment/what-if", new StringContent("not json", Encoding.UTF8, "application/json"))),
        new("POST", "/api/accounts", Rule.SystemAdmin, _ => Post("/api/accounts", new { userName = "x" })),
        new("GET", "/api/regions/{code}/upstream", Rule.Authenticated, _ => Get("/api/regions/zhashui/upstream")),
        new("GET", "/api/regions/{code}/cases", Rule.Authenticated, _ => Get("/api/regions/zhashui/cases")),
        new("GET", "/api/regions/{code}/cases/{name}", Rule.Authenticated, _ => Get("/api/regions/zhashui/cases/no-such-case.json")),
        new("PUT", "/api/regions/{code}/cases/{name}", Rule.PolicyAdmin, _ => new HttpRequestMessage(HttpMethod.Put, "/api/regions/zhashui/cases/matrix.json") { Content = new StringContent("not json", Encoding.UTF8, "application/json") }),
        new("DELETE", "/api/regions/{code}/cases/{name}", Rule.PolicyAdmin, _ => new HttpRequestMessage(HttpMethod.Delete, "/api/regions/zhashui/cases/no-such-case.json")),
        new("GET", "/api/campaign/{region}/{benefitYear:int}/{sheet}.xlsx", Rule.Region, _ => Get("/api/campaign/zhashui/2024/settlement.xlsx?asOf=2023-12-01")),
        new("GET", "/api/campaign/{region}/{benefitYear:int}/villages", Rule.Region, _ => Get("/api/campaign/zhashui/2024/villages?asOf=2023-12-01")),
        new("GET", "/api/campaign/{region}/{benefitYear:int}/worklist", Rule.Region, _ => Get("/api/campaign/zhashui/2024/worklist?asOf=2023-12-01")),
        new("GET", "/api/lists/{region}/{benefitYear:int}/{kind}.xlsx", Rule.Region, _ => Get("/api/lists/zhashui/2024/paid.xlsx")),
        new("GET", "/api/tasks/{taskId}/roster.xlsx", Rule.Department, ids => Get($"/api/tasks/{ids.TaskId}/roster.xlsx")),
        new("POST", "/api/rosters/identity-changes", Rule.StaffOnly, _ => Post("/api/rosters/identity-changes", new ByteArrayContent([1, 2, 3]))),
        new("POST", "/api/auth/designer-token", Rule.PolicyAdmin, _ => Post("/api/auth/designer-token")),
        new("GET", "/elsa/api/descriptors/activities", Rule.Authenticated, _ => Get("/elsa/api/descriptors/activities")),
        new("GET", "/elsa/api/descriptors/expression-descriptors", Rule.Authenticated, _ => Get("/elsa/api/descriptors/expression-descriptors")),
        new("GET", "/elsa/api/descriptors/workflow-activation-strategies", Rule.Authenticated, _ => Get("/elsa/api/descriptors/workflow-activation-strategies")),
        new("GET", "/elsa/api/descriptors/log-persistence-strategies", Rule.Authenticated, _ => Get("/elsa/api/descriptors/log-persistence-strategies")),
        new("GET", "/elsa/api/descriptors/incident-strategies", Rule.Authenticated, _ => Get("/elsa/api/descriptors/incident-strategies")),
        new("GET", "/elsa/api/descriptors/commit-strategies/workflows", Rule.Authenticated, _ => Get("/elsa/api/descriptors/commit-strategies/workflows")),
        new("GET", "/elsa/api/descriptors/commit-strategies/activities", Rule.Authenticated, _ => Get("/elsa/api/descriptors/commit-strategies/activities")),
        new("GET", "/elsa/api/descriptors/variables", Rule.Authenticated, _ => Get("/elsa/api/descriptors/variables")),
        new("GET", "/elsa/api/descriptors/storage-drivers", Rule.Authenticated, _ => Get("/elsa/api/descriptors/storage-drivers")),
        new("GET", "/elsa/api/workflow-definitions/", Rule.Scoped, _ => Get("/elsa/api/workflow-definitions?versionOptions=Latest")),
        new("GET", "/elsa/api/workflow-definitions/by-definition-id/{definitionId}", Rule.Region, _ => Get("/elsa/api/workflow-definitions/by-definition-id/zhashui-refund?versionOptions=Latest")),
        new("GET", "/elsa/api/workflow-definitions/by-id/{id}", Rule.Region, ids => Get($"/elsa/api/workflow-definitions/by-id/{ids.DefinitionVersionId}")),
        new("GET", "/elsa/api/workflow-definitions/validation/is-name-unique", Rule.Scoped, _ => Get("/elsa/api/workflow-definitions/validation/is-name-unique?name=x")),
        new("POST", "/elsa/api/workflow-definitions/", Rule.PolicyAdmin, _ => Post("/elsa/api/workflow-definitions", new { model = new { definitionId = "zhashui-refund" }, publish = false })),
        new("POST", "/elsa/api/workflow-definitions/{definitionId}/publish", Rule.PolicyAdmin, _ => Post("/elsa/api/workflow-definitions/zhashui-refund/publish", new { })),
        new("POST", "/elsa/api/workflow-definitions/{definitionId}/retract", Rule.PolicyAdmin, _ => Post("/elsa/api/workflow-definitions/zhashui-refund/retract", new { })),
        new("POST", "/elsa/api/scripting/javascript/type-definitions/{definitionId}", Rule.Region, _ => Post("/elsa/api/scripting/javascript/type-definitions/zhashui-refund", new { })),
        new("POST", "/elsa/api/workflow-definitions/{definitionId}/revert/{version:int}", Rule.PolicyAdmin, _ => Post("/elsa/api/workflow-definitions/zhashui-refund/revert/99", new { })),
        new("DELETE", "/elsa/api/workflow-definitions/{definitionId}", Rule.Authenticated, _ => new HttpRequestMessage(HttpMethod.Delete, "/elsa/api/workflow-definitions/zhashui-refund")),
        new("DELETE", "/elsa/api/workflow-definition-versions/{id}", Rule.Authenticated, ids => new HttpRequestMessage(HttpMethod.Delete, $"/elsa/api/workflow-definition-versions/{ids.DefinitionVersionId}")),
        new("POST", "/elsa/api/bulk-actions/delete/workflow-definitions/by-definition-id", Rule.Authenticated, _ => Post("/elsa/api/bulk-actions/delete/workflow-definitions/by-definition-id", new { })),
        new("POST", "/elsa/api/bulk-actions/delete/workflow-definitions/by-id", Rule.Authenticated, _ => Post("/elsa/api/bulk-actions/delete/workflow-definitions/by-id", new { })),
        new("POST", "/elsa/api/workflow-definitions/{definitionId}/execute", Rule.Region, _ => Post("/elsa/api/workflow-definitions/zhashui-refund/execute", new { })),
        new("POST", "/elsa/api/workflow-definitions/{definitionId}/dispatch", Rule.Region, _ => Post("/elsa/api/workflow-definitions/zhashui-refund/dispatch", new { })),
        new("POST", "/elsa/api/workflow-instances", Rule.Scoped, _ => Post("/elsa/api/workflow-instances", new { page = 0, pageSize = 5 })),
        new("GET", "/elsa/api/workflow-instances/{id}", Rule.Region, ids => Get($"/elsa/api/workflow-instances/{ids.InstanceId}")),
        new("GET", "/elsa/api/workflow-instances/{id}/journal", Rule.Region, ids => Get($"/elsa/api/workflow-instances/{ids.InstanceId}/journal")),
        new("POST", "/elsa/api/workflow-instances/{id}/journal", Rule.Region, ids => Post($"/elsa/api/workflow-instances/{ids.InstanceId}/journal", new { })),
        new("GET", "/elsa/api/workflow-instances/{id}/execution-state", Rule.Region, ids => Get($"/elsa/api/workflow-instances/{ids.InstanceId}/execution-state")),
        new("GET", "/elsa/api/workflow-instances/{id}/variables", Rule.Region, ids => Get($"/elsa/api/workflow-instances/{ids.InstanceId}/variables")),
        new("GET", "/elsa/api/activity-executions/list", Rule.Region, ids => Get($"/elsa/api/activity-executions/list?workflowInstanceId={ids.InstanceId}")),
        new("GET", "/elsa/api/activity-execution-summaries/list", Rule.Region, ids => Get($"/elsa/api/activity-execution-summaries/list?workflowInstanceId={ids.InstanceId}")),
        new("GET", "/elsa/api/activity-executions/by-id", Rule.Region, ids => Get($"/elsa/api/activity-executions/by-id?id={Uri.EscapeDataString(ids.ExecutionId)}")),
        new("GET", "/elsa/api/activity-executions/{id}/call-stack", Rule.Region, ids => Get($"/elsa/api/activity-executions/{Uri.EscapeDataString(ids.ExecutionId)}/call-stack")),
        new("GET", "/elsa/api/workflow-instances/{id}/export", Rule.Region, ids => Get($"/elsa/api/workflow-instances/{ids.InstanceId}/export")),
        new("POST", "/elsa/api/bulk-actions/export/workflow-instances", Rule.Region, ids => Post("/elsa/api/bulk-actions/export/workflow-instances", new { ids = new[] { ids.InstanceId } })),
        new("DELETE", "/elsa/api/workflow-instances/{id}", Rule.Authenticated, ids => new HttpRequestMessage(HttpMethod.Delete, $"/elsa/api/workflow-instances/{ids.InstanceId}")),
        new("POST", "/elsa/api/bulk-actions/delete/workflow-instances/by-id", Rule.Authenticated, ids => Post("/elsa/api/bulk-actions/delete/workflow-instances/by-id", new { ids = new[] { ids.InstanceId } })),
        new("POST", "/elsa/api/cancel/workflow-instances/{id}", Rule.Authenticated, ids => Post($"/elsa/api/cancel/workflow-instances/{ids.InstanceId}")),
        new("POST", "/elsa/api/bulk-actions/cancel/workflow-instances", Rule.Authenticated, ids => Post("/elsa/api/bulk-actions/cancel/workflow-instances", new { ids = new[] { ids.InstanceId } })),
        new("POST", "/elsa/api/bulk-actions/import/workflow-instances", Rule.Authenticated, _ => Post("/elsa/api/bulk-actions/import/workflow-instances")),
        new("POST", "/elsa/api/tests/activities", Rule.PolicyAdmin, _ => Post("/elsa/api/tests/activities", new { workflowDefinitionHandle = new { definitionId = "zhashui-refund" }, activityHandle = new { activityId = "price" } })),
        new("POST", "/elsa/api/activity-executions/report", Rule.Region, ids => Post("/elsa/api/activity-executions/report", new { workflowInstanceId = ids.InstanceId, activityNodeIds = Array.Empty<string>() })),
        // Last: it ends the cookie sessions of the callers.
        new("POST", "/api/auth/logout", Rule.Authenticated, _ => Post("/api/auth/logout")),
    ];

    private static bool Allowed(Rule rule, Principal p) => rule switch
    {
        Rule.Anonymous or Rule.Login => true,
        Rule.Authenticated or Rule.Scoped => !p.Anonymous,
        Rule.Region => p.SameRegionOtherDepartment || p.RightDepartment || p.RegionAdmin || p.SystemAdmin,
        Rule.Department => p.RightDepartment || p.SystemAdmin,
        Rule.Tax => p.SameRegionOtherDepartment || p.SystemAdmin, // the "other department" principal is Zhashui's tax office
        Rule.PolicyAdmin => p.RegionAdmin || p.SystemAdmin,
        Rule.SystemAdmin => p.SystemAdmin,
        Rule.StaffOnly => p.OtherRegion || p.SameRegionOtherDepartment || p.RightDepartment,
        _ => false,
    };

    private Principal Login(string name, string userName, Func<Principal, Principal> flags) =>
        flags(new Principal(name, async c => (await c.SignInAsync(userName)).EnsureSuccessStatusCode()));

    [Fact]
    public async Task Every_endpoint_answers_each_kind_of_caller_as_its_rule_says()
    {
        var refundDefinition = await File.ReadAllTextAsync(Path.Combine(_workflows, "zhashui", "refund.json"));
        var admin = _factory.CreateAdminClient();
        var started = JsonNode.Parse(await (await admin.PostAsJsonAsync("/api/instances", new
        {
            definitionId = "zhashui-identity-change",
            input = new
            {
                region = "zhashui", benefitYear = 2024, department = "civil_affairs", submittedOn = "2023-10-16",
                changes = new[] { new { idNumber = CampaignTests.Id("611026", "1966-05-09", 11), name = "张低保", identity = "dibao", change = "add", recognizedOn = "2023-10-10" } },
            },
        })).Content.ReadAsStringAsync())!;
        var instanceId = started["instance"]!["id"]!.GetValue<string>();
        var bookmark = started["bookmarks"]![0]!;
        var versionId = JsonNode.Parse(await admin.GetStringAsync("/elsa/api/workflow-definitions/by-definition-id/zhashui-refund?versionOptions=Latest"))!["id"]!.GetValue<string>();
        var executionId = JsonNode.Parse(await admin.GetStringAsync($"/elsa/api/activity-execution-summaries/list?workflowInstanceId={instanceId}"))!["items"]!.AsArray()[^1]!["id"]!.GetValue<string>();
        var ids = new Ids(bookmark["correlationKey"]!.GetValue<string>(), instanceId, bookmark["id"]!.GetValue<string>(), CampaignTests.Id("611026", "1966-05-09", 11), versionId, executionId);

        var principals = new[]
        {
            new Principal("anonymous", _ => Task.CompletedTask, Anonymous: true),
            Login("pubei.medical_insurance_agency", "pubei.medical_insurance_agency", p => p with { OtherRegion = true }),
            Login("zhashui.tax", "zhashui.tax", p => p with { SameRegionOtherDepartment = true }),
            Login("zhashui.medical_insurance_agency", "zhashui.medical_insurance_agency", p => p with { RightDepartment = true }),
            Login("zhashui.admin", "zhashui.admin", p => p with { RegionAdmin = true }),
            new Principal("admin (API key)", c => { c.DefaultRequestHeaders.Add("X-Api-Key", "demo-admin-key"); return Task.CompletedTask; }, SystemAdmin: true),
        };
        var clients = new Dictionary<string, HttpClient>();
        foreach (var p in principals)
        {
            clients[p.Name] = _factory.CreateClient();
            await p.SignIn(clients[p.Name]);
        }

        var doors = Doors(refundDefinition).ToList();
        var endpoints = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Distinct().Order().ToList();
        var ruled = doors.Select(d => $"{d.Method} {d.Pattern}").ToList();
        Assert.True(endpoints.Order().SequenceEqual(ruled.Order()),
            $"endpoints without a rule: {string.Join(", ", endpoints.Except(ruled))}; rules without an endpoint: {string.Join(", ", ruled.Except(endpoints))}");

        var wrong = new List<string>();
        foreach (var door in doors)
        {
            foreach (var p in principals)
            {
                using var response = await clients[p.Name].SendAsync(door.Request(ids));
                var status = (int)response.StatusCode;
                var allowed = Allowed(door.Rule, p);
                var ok = door.Rule == Rule.Login
                    ? status == 401 && (await response.Content.ReadAsStringAsync()).Contains("用户名或密码错误", StringComparison.Ordinal)
                    : allowed ? status is not (401 or 403) : status == (p.Anonymous ? 401 : 403);
                if (!ok)
                {
                    wrong.Add($"{door.Method} {door.Pattern} as {p.Name}: {status}, expected {(allowed ? "an answer" : p.Anonymous ? "401" : "403")} ({door.Rule})");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
