using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Activities;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Engine.Tests.Support;
using static ResidentInsurance.Engine.Tests.Support.FlowBuilder;

namespace ResidentInsurance.Engine.Tests.Activities;

public sealed class DepartmentTaskTests
{
    private static FlowBuilder Review() => new FlowBuilder("refund-review", "zhashui")
        .Variable("review")
        .Activity("start", "Elsa.Start")
        .Activity("task", "ResidentInsurance.DepartmentTask",
            Lit("department", "medical_insurance_agency"), Js("title", "'退费审核：' + input.name"),
            Obj("outcomes", """["同意","不同意"]"""), Obj("form", """{"fields":[{"name":"remark","label":"审核意见"}]}"""),
            Js("data", "({ name: input.name, amount: input.amountFen })"), Js("deadline", "addDays(input.requestedOn, 15)"))
        .Raw("task", "result", OutputTo("review-id"))
        .Activity("yes", "Elsa.WriteLine", Js("text", "'同意:' + variables.review.form.remark"))
        .Activity("no", "Elsa.WriteLine", Lit("text", "不同意"))
        .Connect("start", "task").Connect("task", "yes", "同意").Connect("task", "no", "不同意");

    private static readonly JsonObject Case = new() { ["name"] = "张三", ["amountFen"] = 38000, ["requestedOn"] = "2023-12-01" };

    [Fact]
    public async Task Creates_a_bookmark_and_a_TaskCreated_message_for_the_department_of_the_region()
    {
        using var engine = new EngineHarness();
        var result = await engine.RunAsync(Review().Build(), Case);

        var bookmark = Assert.Single(result.Bookmarks);
        Assert.Equal(DepartmentTaskNames.Bookmark, bookmark.Name);
        Assert.Equal("zhashui", bookmark.TenantId);
        var message = Assert.Single(result.Outbox);
        Assert.Equal(DepartmentTaskNames.CreatedMessage, message.Type);
        Assert.Equal(bookmark.CorrelationKey, message.Payload["taskId"]!.GetValue<string>());
        Assert.Equal("medical_insurance_agency", message.Payload["department"]!.GetValue<string>());
        Assert.Equal("退费审核：张三", message.Payload["title"]!.GetValue<string>());
        Assert.Equal("2023-12-16", message.Payload["deadline"]!.GetValue<string>());
        Assert.Equal(38000, message.Payload["data"]!["amount"]!.GetValue<int>());
        Assert.Equal(["同意", "不同意"], message.Payload["outcomes"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task Completing_resumes_on_the_port_of_the_outcome_with_the_form_in_the_result_variable()
    {
        using var engine = new EngineHarness();
        var started = await engine.RunAsync(Review().Build(), Case);
        var bookmark = Assert.Single(started.Bookmarks);

        var resumed = await engine.Runtime.ResumeAsync(ResumeRequest.ForBookmark(bookmark.Id, "complete-1",
            new JsonObject { ["outcome"] = "同意", ["form"] = new JsonObject { ["remark"] = "材料齐全" }, ["completedBy"] = "zhashui-ybjb-01" }));

        Assert.Equal((ResumeOutcome.Resumed, WorkflowStatus.Finished), (resumed.Outcome, resumed.Status));
        var instance = (await engine.ReloadAsync(started.Instance.Id))!;
        Assert.Equal(["同意:材料齐全"], EngineHarness.Lines(instance));
        Assert.Equal("zhashui-ybjb-01", instance.Variables["review"]!["completedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_outcome_the_task_does_not_offer_is_refused_and_nothing_changes()
    {
        using var engine = new EngineHarness();
        var started = await engine.RunAsync(Review().Build(), Case);
        var bookmark = Assert.Single(started.Bookmarks);

        var error = await Assert.ThrowsAsync<InvalidStimulusException>(() =>
            engine.Runtime.ResumeAsync(ResumeRequest.ForBookmark(bookmark.Id, "bad", new JsonObject { ["outcome"] = "随便" })));

        Assert.Contains("随便", error.Message);
        Assert.Single(await engine.BookmarksAsync(started.Instance.Id));
        Assert.Null(await engine.Instances.FindStimulusAsync("bad"));
        var retry = await engine.Runtime.ResumeAsync(ResumeRequest.ForBookmark(bookmark.Id, "good", new JsonObject { ["outcome"] = "不同意" }));
        Assert.Equal(WorkflowStatus.Finished, retry.Status);
    }

    [Fact]
    public async Task An_unknown_department_is_an_incident_listing_the_known_ones()
    {
        using var engine = new EngineHarness();
        var flow = new FlowBuilder("bad-department")
            .Activity("task", "ResidentInsurance.DepartmentTask", Lit("department", "police"), Lit("title", "x"), Obj("outcomes", """["ok"]"""));

        var result = await engine.RunAsync(flow.Build());

        var incident = Assert.Single(result.Instance.Incidents);
        Assert.Equal("UnknownDepartment", incident.Kind);
        Assert.Contains("civil_affairs", incident.Message);
    }

    [Fact]
    public async Task Dry_run_answers_the_task_with_its_default_outcome_and_writes_nothing()
    {
        using var engine = new EngineHarness();
        var flow = Review();
        flow.Raw("task", "defaultOutcome", new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "不同意" } });
        await engine.PublishAsync(flow.Build());

        var result = await engine.StartAsync("refund-review", Case, new RunOptions
        {
            DryRun = true,
            WaitResponder = wait => new JsonObject { ["outcome"] = wait.Payload!["defaultOutcome"]!.GetValue<string>() },
        });

        Assert.Equal(WorkflowStatus.Finished, result.Instance.Status);
        Assert.Equal(["不同意"], EngineHarness.Lines(result.Instance));
        Assert.Empty(result.Outbox);
        Assert.Null(await engine.ReloadAsync(result.Instance.Id));
    }
}
