using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using ResidentInsurance.Engine.Definitions;

namespace ResidentInsurance.Host.Tests;

/// <summary>
/// The contract Elsa Studio 3.8.2 relies on (read from elsa-core's Elsa.Api.Client and checked in Chromium by the
/// designer browser test): the paths, the camelCase names, each list's own wrapper ({items,count} for descriptors,
/// {items,totalCount,links} for definitions), string enums, the links that open a definition for editing, and the
/// save / publish answers. A Studio upgrade that changes them fails here first.
/// </summary>
public sealed class ElsaApiContractTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ri-elsa-");
    private readonly WebApplicationFactory<Program> _factory;

    public ElsaApiContractTests()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Workflows", $"Data Source={Path.Combine(_folder.FullName, "elsa.db")}");
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

    /// <summary>As the designer page does: the cookie login buys a designer token, and the Studio calls with it.</summary>
    private Task<HttpClient> StudioAsync(string userName) => _factory.CreateStudioClientAsync(userName);

    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    [Theory]
    [InlineData("descriptors/expression-descriptors", "type")]
    [InlineData("descriptors/workflow-activation-strategies", "typeName")]
    [InlineData("descriptors/log-persistence-strategies", "typeName")]
    [InlineData("descriptors/incident-strategies", "typeName")]
    [InlineData("descriptors/commit-strategies/workflows", "name")]
    [InlineData("descriptors/commit-strategies/activities", "name")]
    [InlineData("descriptors/variables", "typeName")]
    [InlineData("descriptors/storage-drivers", "typeName")]
    public async Task Each_descriptor_list_comes_in_items_and_count_with_camelCase_names(string path, string key)
    {
        var studio = await StudioAsync("guizhou.admin");
        var list = await JsonAsync(await studio.GetAsync("/elsa/api/" + path));
        var items = list["items"]!.AsArray();
        Assert.NotEmpty(items);
        Assert.Equal(items.Count, list["count"]!.GetValue<int>());
        Assert.All(items, i => Assert.False(string.IsNullOrEmpty(i![key]!.GetValue<string>())));
        Assert.All(items, i => Assert.NotNull(i!["displayName"]));
    }

    [Fact]
    public async Task Activity_descriptors_are_our_library_with_Chinese_names_string_kinds_flow_ports_and_the_department_dropdown()
    {
        var studio = await StudioAsync("guizhou.admin");
        var list = await JsonAsync(await studio.GetAsync("/elsa/api/descriptors/activities?Refresh=True"));
        var items = list["items"]!.AsArray().Select(i => i!.AsObject()).ToDictionary(i => i["typeName"]!.GetValue<string>());

        var evaluate = items["ResidentInsurance.EvaluatePolicy"];
        Assert.Equal(("政策计算", "医保政策", "ResidentInsurance", "EvaluatePolicy", 1), (evaluate["displayName"]!.GetValue<string>(), evaluate["category"]!.GetValue<string>(),
            evaluate["namespace"]!.GetValue<string>(), evaluate["name"]!.GetValue<string>(), evaluate["version"]!.GetValue<int>()));
        Assert.Equal("Action", evaluate["kind"]!.GetValue<string>());
        Assert.Equal("Trigger", items["ResidentInsurance.WaitForEvent"]["kind"]!.GetValue<string>());
        Assert.Equal(["True", "False"], items["Elsa.FlowDecision"]["ports"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
        Assert.All(items["Elsa.FlowDecision"]["ports"]!.AsArray(), p => Assert.Equal("Flow", p!["type"]!.GetValue<string>()));

        var department = items["ResidentInsurance.DepartmentTask"]["inputs"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == "department")!;
        Assert.Equal(("dropdown", true), (department["uiHint"]!.GetValue<string>(), department["isWrapped"]!.GetValue<bool>()));
        var options = department["uiSpecifications"]!["dropdown"]!["selectList"]!["items"]!.AsArray();
        Assert.Contains(options, o => o!["value"]!.GetValue<string>() == "civil_affairs" && o["text"]!.GetValue<string>() == "民政");

        // The policy dropdown lists the shipped scripts; Elsa's own UI hint names (an unknown one renders as an error box).
        var policy = evaluate["inputs"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == "policy")!;
        Assert.Contains(policy["uiSpecifications"]!["dropdown"]!["selectList"]!["items"]!.AsArray(), o => o!["value"]!.GetValue<string>() == "enrollment" && o["text"]!.GetValue<string>() == "参保登记与缴费（enrollment）");
        string[] studioHints = ["singleline", "multiline", "code-editor", "dropdown", "checkbox", "dynamic-outcomes", "flow-switch-editor", "variable-picker", "json-editor", "datetime-picker"];
        Assert.All(items.Values.SelectMany(a => a["inputs"]!.AsArray()), i => Assert.Contains(i!["uiHint"]!.GetValue<string>(), studioHints));
        Assert.Contains(items["ResidentInsurance.DepartmentTask"]["inputs"]!.AsArray(), i => i!["uiHint"]!.GetValue<string>() == "dynamic-outcomes");
    }

    [Fact]
    public async Task A_definition_opens_for_editing_saves_as_a_draft_publishes_through_the_case_files_and_is_scoped_to_its_region()
    {
        var studio = await StudioAsync("guizhou.admin");
        var list = await JsonAsync(await studio.GetAsync("/elsa/api/workflow-definitions?versionOptions=Latest&Page=0&PageSize=15"));
        Assert.Equal(["guizhou-enrollment", "guizhou-identity-change", "guizhou-refund", "guizhou-subsidy-approval"], list["items"]!.AsArray().Select(i => i!["definitionId"]!.GetValue<string>()));
        Assert.Equal(4, list["totalCount"]!.GetValue<int>());
        Assert.NotNull(list["links"]);

        var definition = await JsonAsync(await studio.GetAsync("/elsa/api/workflow-definitions/by-definition-id/guizhou-refund?versionOptions=Latest"));
        Assert.True(definition["isLatest"]!.GetValue<bool>());
        Assert.Contains(definition["links"]!.AsArray(), l => l!["rel"]!.GetValue<string>() == "publish" && l["method"]!.GetValue<string>() == "POST");
        Assert.Equal(("Json", "Elsa.Flowchart"), (definition["materializerName"]!.GetValue<string>(), definition["root"]!["type"]!.GetValue<string>()));
        Assert.All(definition["root"]!["activities"]!.AsArray(), a => Assert.StartsWith("guizhou-refund:", a!["nodeId"]!.GetValue<string>()));
        var version = definition["version"]!.GetValue<int>();
        Assert.Equal(definition["id"]!.GetValue<string>(), (await JsonAsync(await studio.GetAsync($"/elsa/api/workflow-definitions/by-id/{definition["id"]}")))["id"]!.GetValue<string>());

        // Save as the Studio does: the model back, lifecycle fields included; an unknown property survives.
        var model = definition.DeepClone().AsObject();
        model["description"] = "设计器修改：说明文字";
        model["root"]!["x-designer-note"] = "kept";
        var saved = await JsonAsync(await studio.PostAsJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = model, ["publish"] = false }));
        var draft = saved["workflowDefinition"]!;
        Assert.Equal((version + 1, false, true), (draft["version"]!.GetValue<int>(), draft["isPublished"]!.GetValue<bool>(), draft["isLatest"]!.GetValue<bool>()));
        Assert.Equal(("设计器修改：说明文字", "kept", "guizhou"), (draft["description"]!.GetValue<string>(), draft["root"]!["x-designer-note"]!.GetValue<string>(), draft["tenantId"]!.GetValue<string>()));
        Assert.False(saved["alreadyPublished"]!.GetValue<bool>());
        Assert.Equal(0, saved["consumingWorkflowCount"]!.GetValue<int>());

        var published = await JsonAsync(await studio.PostAsJsonAsync("/elsa/api/workflow-definitions/guizhou-refund/publish", new { }));
        Assert.True(published["workflowDefinition"]!["isPublished"]!.GetValue<bool>());
        var dts = await (await studio.PostAsJsonAsync("/elsa/api/scripting/javascript/type-definitions/guizhou-refund", new { })).Content.ReadAsStringAsync();
        Assert.Contains("declare const input", dts);
        Assert.Contains("declare function fenToYuan(fen: number): string;", dts);

        // Another region's administrator sees nothing of Guizhou and cannot save over it; staff get no designer token.
        var zhashui = await StudioAsync("zhashui.admin");
        Assert.DoesNotContain((await JsonAsync(await zhashui.GetAsync("/elsa/api/workflow-definitions?versionOptions=Latest")))["items"]!.AsArray(), i => i!["definitionId"]!.GetValue<string>().StartsWith("guizhou", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, (await zhashui.GetAsync("/elsa/api/workflow-definitions/by-definition-id/guizhou-refund?versionOptions=Latest")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await zhashui.PostAsJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = model.DeepClone(), ["publish"] = true })).StatusCode);
        var clerk = _factory.CreateClient();
        (await clerk.SignInAsync("guizhou.civil_affairs")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PostAsync("/api/auth/designer-token", null)).StatusCode);
        var forged = _factory.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/elsa/api/descriptors/activities")).StatusCode);
    }

    [Fact]
    public async Task The_instance_list_and_viewer_endpoints_answer_in_the_Studios_shapes_for_the_callers_region_only()
    {
        var admin = _factory.CreateAdminClient();
        var started = await JsonAsync(await admin.PostAsJsonAsync("/api/instances", new
        {
            definitionId = "guizhou-enrollment", correlationId = "520102198503150016/2021",
            input = new { region = "guizhou", benefitYear = 2021, action = "enroll", paidOn = "2021-05-01", person = new { idNumber = "520102198503150016", name = "张三", birthDate = "1985-03-15", identities = Array.Empty<object>() } },
        }));
        var id = started["instance"]!["id"]!.GetValue<string>();

        var studio = await StudioAsync("guizhou.admin");
        var list = await JsonAsync(await studio.PostAsJsonAsync("/elsa/api/workflow-instances", new { page = 0, pageSize = 10, statuses = new[] { "Running" }, orderDirection = "Descending" }));
        Assert.Equal(1, list["totalCount"]!.GetValue<int>());
        var summary = list["items"]![0]!;
        Assert.Equal((id, "guizhou-enrollment", "Running", "Suspended", "520102198503150016/2021", 1),
            (summary["id"]!.GetValue<string>(), summary["definitionId"]!.GetValue<string>(), summary["status"]!.GetValue<string>(), summary["subStatus"]!.GetValue<string>(),
             summary["correlationId"]!.GetValue<string>(), summary["version"]!.GetValue<int>()));
        Assert.Equal(0, (await JsonAsync(await studio.PostAsJsonAsync("/elsa/api/workflow-instances", new { statuses = new[] { "Finished" } })))["totalCount"]!.GetValue<int>());
        Assert.Equal(1, (await JsonAsync(await studio.PostAsJsonAsync("/elsa/api/workflow-instances", new { searchTerm = "520102198503150016" })))["totalCount"]!.GetValue<int>());

        var instance = await JsonAsync(await studio.GetAsync($"/elsa/api/workflow-instances/{id}"));
        var state = instance["workflowState"]!;
        Assert.Equal(("Running", "Suspended"), (state["status"]!.GetValue<string>(), state["subStatus"]!.GetValue<string>()));
        Assert.Equal("tax-payment", Assert.Single(state["bookmarks"]!.AsArray())!["activityId"]!.GetValue<string>());

        var journal = await JsonAsync(await studio.PostAsJsonAsync($"/elsa/api/workflow-instances/{id}/journal?skip=0&take=50", new { }));
        var events = journal["items"]!.AsArray().Select(r => $"{r!["activityId"]} {r["eventName"]}").ToList();
        Assert.Equal("tax-payment Suspended", events[^1]);
        Assert.Contains("evaluate Completed", events);
        Assert.Equal(events.Count, journal["totalCount"]!.GetValue<int>());

        var report = await JsonAsync(await studio.PostAsJsonAsync("/elsa/api/activity-executions/report", new { workflowInstanceId = id, activityNodeIds = Array.Empty<string>() }));
        var waiting = report["stats"]!.AsArray().Single(s => s!["activityId"]!.GetValue<string>() == "tax-payment")!;
        Assert.Equal((1, 0, true), (waiting["startedCount"]!.GetValue<int>(), waiting["completedCount"]!.GetValue<int>(), waiting["isBlocked"]!.GetValue<bool>()));
        var executions = await JsonAsync(await studio.GetAsync($"/elsa/api/activity-execution-summaries/list?WorkflowInstanceId={id}&ActivityNodeId={waiting["activityNodeId"]}"));
        Assert.Equal("Running", Assert.Single(executions["items"]!.AsArray())!["status"]!.GetValue<string>());

        // The call stack of the waiting payment step, root first: the start, then each step that scheduled the next.
        var waitingExecution = executions["items"]![0]!["id"]!.GetValue<string>();
        var stack = await JsonAsync(await studio.GetAsync($"/elsa/api/activity-executions/{Uri.EscapeDataString(waitingExecution)}/call-stack"));
        Assert.Equal(waitingExecution, stack["activityExecutionId"]!.GetValue<string>());
        var frames = stack["items"]!.AsArray();
        Assert.Equal(frames.Count, stack["totalCount"]!.GetValue<int>());
        Assert.Equal(Enumerable.Range(0, frames.Count), frames.Select(f => f!["callStackDepth"]!.GetValue<int>()));
        Assert.Equal(("start", "Elsa.Start"), (frames[0]!["activityId"]!.GetValue<string>(), frames[0]!["activityType"]!.GetValue<string>()));
        Assert.Equal(("tax-payment", "Running"), (frames[^1]!["activityId"]!.GetValue<string>(), frames[^1]!["status"]!.GetValue<string>()));
        Assert.Equal(["start", "evaluate", "accepted", "proxy", "tax-payment"], frames.Select(f => f!["activityId"]!.GetValue<string>())); // policy, accepted, not a proxy payment: wait for tax
        Assert.All(frames.Skip(1).SkipLast(1), f => Assert.Equal("Completed", f!["status"]!.GetValue<string>()));
        var record = await JsonAsync(await studio.GetAsync($"/elsa/api/activity-executions/by-id?id={Uri.EscapeDataString(waitingExecution)}"));
        Assert.Equal((frames.Count - 1, true), (record["callStackDepth"]!.GetValue<int>(), record["hasBookmarks"]!.GetValue<bool>()));
        Assert.Equal(HttpStatusCode.NotFound, (await studio.GetAsync($"/elsa/api/activity-executions/{id}:999999/call-stack")).StatusCode);
        Assert.Equal("Suspended", (await JsonAsync(await studio.GetAsync($"/elsa/api/workflow-instances/{id}/execution-state")))["workflowSubStatus"]!.GetValue<string>());
        Assert.Contains((await JsonAsync(await studio.GetAsync($"/elsa/api/workflow-instances/{id}/variables")))["items"]!.AsArray(), v => v!["name"]!.GetValue<string>() == "policyResult");

        // The list's actions: export as the viewer shows it (one as JSON, a selection as a .zip); delete and cancel refused with the reason.
        var exported = await JsonAsync(await studio.GetAsync($"/elsa/api/workflow-instances/{id}/export"));
        Assert.Equal(("workflow-instance-export", id), (exported["kind"]!.GetValue<string>(), exported["instance"]!["id"]!.GetValue<string>()));
        Assert.Equal(events.Count, exported["journal"]!.AsArray().Count);
        var bulk = await studio.PostAsJsonAsync("/elsa/api/bulk-actions/export/workflow-instances", new { ids = new[] { id } });
        Assert.Equal("application/zip", bulk.Content.Headers.ContentType!.MediaType);
        using (var archive = new System.IO.Compression.ZipArchive(await bulk.Content.ReadAsStreamAsync()))
        {
            Assert.Equal($"workflow-instance-{id}.json", Assert.Single(archive.Entries).Name);
        }

        foreach (var refused in new[]
        {
            new HttpRequestMessage(HttpMethod.Delete, $"/elsa/api/workflow-instances/{id}"),
            new HttpRequestMessage(HttpMethod.Post, $"/elsa/api/cancel/workflow-instances/{id}"),
            new HttpRequestMessage(HttpMethod.Post, "/elsa/api/bulk-actions/cancel/workflow-instances") { Content = JsonContent.Create(new { ids = new[] { id } }) },
        })
        {
            var answer = await studio.SendAsync(refused);
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            Assert.Contains("errors", await answer.Content.ReadAsStringAsync());
        }

        Assert.Equal("Running", (await JsonAsync(await studio.GetAsync($"/elsa/api/workflow-instances/{id}")))["status"]!.GetValue<string>()); // untouched

        // Another region sees neither the instance nor it in its list.
        var other = await StudioAsync("zhashui.admin");
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/elsa/api/workflow-instances/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsJsonAsync("/elsa/api/bulk-actions/export/workflow-instances", new { ids = new[] { id } })).StatusCode);
        Assert.Equal(0, (await JsonAsync(await other.PostAsJsonAsync("/elsa/api/workflow-instances", new { page = 0 })))["totalCount"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await studio.GetAsync("/elsa/api/workflow-instances/no-such-instance")).StatusCode);
    }

    /// <summary>The Test tab: the selected activity of the version being edited, run dry on the region's own policy cases.</summary>
    [Fact]
    public async Task The_Test_tab_runs_the_selected_activity_on_the_regions_cases_and_shows_a_drafts_fault()
    {
        var studio = await StudioAsync("guizhou.admin");
        static object Test(string? definitionId, string? versionId, string activityId) =>
            new { workflowDefinitionHandle = new { definitionId, definitionVersionId = versionId }, activityHandle = new { activityId } };

        var evaluated = await JsonAsync(await studio.PostAsJsonAsync("/elsa/api/tests/activities", Test("guizhou-enrollment", null, "evaluate")));
        Assert.Equal("Completed", evaluated["status"]!.GetValue<string>());
        Assert.StartsWith("guizhou/cases/", evaluated["activityState"]!["测试案例"]!.GetValue<string>());
        Assert.NotNull(evaluated["activityState"]!["流程变量"]!["policyResult"]!["accepted"]);
        Assert.Null(evaluated["exception"]);

        // The Studio may name the activity by its node id only (the path of ids it was given): the same activity.
        var byNode = await JsonAsync(await studio.PostAsJsonAsync("/elsa/api/tests/activities", new
        {
            workflowDefinitionHandle = new { definitionId = "guizhou-enrollment" },
            activityHandle = new { nodeId = "guizhou-enrollment:guizhou-enrollment-flow:evaluate" },
        }));
        Assert.Equal(("Completed", evaluated["activityState"]!["测试案例"]!.GetValue<string>()), (byNode["status"]!.GetValue<string>(), byNode["activityState"]!["测试案例"]!.GetValue<string>()));

        // A draft whose decision reads a field that does not exist: the Test tab shows the fault, the published version still runs.
        var model = await JsonAsync(await studio.GetAsync("/elsa/api/workflow-definitions/by-definition-id/guizhou-enrollment?versionOptions=Latest"));
        var publishedId = model["id"]!.GetValue<string>();
        var decision = model["root"]!["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "accepted")!;
        decision["condition"]!["expression"]!["value"] = "variables.policyResult.noSuchField.accepted === true";
        var draft = await JsonAsync(await studio.PostAsJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = model.DeepClone(), ["publish"] = false }));
        var draftId = draft["workflowDefinition"]!["id"]!.GetValue<string>();
        var faulted = await JsonAsync(await studio.PostAsJsonAsync("/elsa/api/tests/activities", Test(null, draftId, "accepted")));
        Assert.Equal("Faulted", faulted["status"]!.GetValue<string>());
        Assert.Contains("accepted.condition: TypeError", faulted["exception"]!["message"]!.GetValue<string>()); // the expression named
        Assert.Contains("草稿", faulted["activityState"]!["流程版本"]!.GetValue<string>());
        Assert.Equal("Completed", (await JsonAsync(await studio.PostAsJsonAsync("/elsa/api/tests/activities", Test(null, publishedId, "accepted"))))["status"]!.GetValue<string>());

        // Clear refusals: an activity not in the version, a process without policy cases, another region's administrator.
        var unknown = await studio.PostAsJsonAsync("/elsa/api/tests/activities", Test("guizhou-enrollment", null, "no-such-activity"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("no-such-activity", await unknown.Content.ReadAsStringAsync());
        var noCases = await studio.PostAsJsonAsync("/elsa/api/tests/activities", Test("guizhou-identity-change", null, "start"));
        Assert.Equal(HttpStatusCode.BadRequest, noCases.StatusCode);
        Assert.Contains("errors", await noCases.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await StudioAsync("zhashui.admin")).PostAsJsonAsync("/elsa/api/tests/activities", Test("guizhou-enrollment", null, "evaluate"))).StatusCode);
    }

    [Fact]
    public async Task The_version_history_lists_every_version_a_revert_makes_an_earlier_one_the_draft_and_deletes_are_refused_cleanly()
    {
        var studio = await StudioAsync("guizhou.admin");
        var v1 = await JsonAsync(await studio.GetAsync("/elsa/api/workflow-definitions/by-definition-id/guizhou-refund?versionOptions=Latest"));
        var changed = v1.DeepClone().AsObject();
        changed["description"] = "第二版说明";
        await JsonAsync(await studio.PostAsJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = changed, ["publish"] = true }));

        var history = await JsonAsync(await studio.GetAsync("/elsa/api/workflow-definitions?versionOptions=All&DefinitionIds=guizhou-refund&Page=0&PageSize=20"));
        Assert.Equal([2, 1], history["items"]!.AsArray().Select(i => i!["version"]!.GetValue<int>()));

        var reverted = await JsonAsync(await studio.PostAsJsonAsync("/elsa/api/workflow-definitions/guizhou-refund/revert/1", new { }));
        Assert.Equal((3, false), (reverted["version"]!.GetValue<int>(), reverted["isPublished"]!.GetValue<bool>()));
        var draft = await JsonAsync(await studio.GetAsync("/elsa/api/workflow-definitions/by-definition-id/guizhou-refund?versionOptions=Latest"));
        Assert.Equal(v1["description"]!.GetValue<string>(), draft["description"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await studio.PostAsJsonAsync("/elsa/api/workflow-definitions/guizhou-refund/revert/9", new { })).StatusCode);

        // The Run button is answered "cannot start" (the Studio shows its message), nothing started.
        var run = await studio.PostAsJsonAsync("/elsa/api/workflow-definitions/guizhou-refund/execute", new { versionOptions = "Latest" });
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.Equal("true", run.Headers.GetValues("x-elsa-workflow-cannot-start").Single());
        Assert.False(run.Headers.Contains("x-elsa-workflow-instance-id"));

        var delete = await studio.DeleteAsync("/elsa/api/workflow-definitions/guizhou-refund");
        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
        Assert.Contains("撤销发布", JsonNode.Parse(await delete.Content.ReadAsStringAsync())!["errors"]!["delete"]![0]!.GetValue<string>());
        Assert.Equal(3, (await JsonAsync(await studio.GetAsync("/elsa/api/workflow-definitions?versionOptions=All&DefinitionIds=guizhou-refund")))["totalCount"]!.GetValue<int>());
    }
}
