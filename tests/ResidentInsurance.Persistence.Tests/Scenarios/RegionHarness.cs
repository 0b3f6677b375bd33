using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using ResidentInsurance.Engine.Activities;
using ResidentInsurance.Engine.Definitions;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Persistence.Tests.Support;

namespace ResidentInsurance.Persistence.Tests.Scenarios;

/// <summary>
/// The shipped <c>workflows/</c> folder imported into a fresh SQLite file, with helpers that play the
/// departments: complete the open task of an instance, deliver the tax department's payment notice,
/// restart the host on the same file.
/// </summary>
internal sealed class RegionHarness : IDisposable
{
    private readonly SqliteFile _file = new();
    private readonly DirectoryInfo? _copy;
    private int _completions;

    public RegionHarness(DateTimeOffset now, Action<string>? adaptWorkflows = null)
    {
        var shipped = PlatformHome.FindWorkflows(null, AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("the repository's workflows/ folder was not found");
        Workflows = shipped;
        if (adaptWorkflows is not null)
        {
            _copy = Directory.CreateTempSubdirectory("ri-workflows-");
            Copy(shipped, _copy.FullName);
            Workflows = _copy.FullName;
            adaptWorkflows(Workflows);
        }

        Clock = new FakeTimeProvider(now);
        Host = new StoreHost(_file.Options, Clock, Workflows);
    }

    public string Workflows { get; }

    public FakeTimeProvider Clock { get; }

    public StoreHost Host { get; private set; }

    public async Task LoadAsync()
    {
        var report = await Host.Loader.LoadAsync(Workflows);
        Assert.True(report.Failed.Count == 0, string.Join("\n", report.Failed.Select(f => $"{f.Path}: {string.Join("; ", f.Problems)}")));
    }

    /// <summary>Disposes the host and builds a new one on the same SQLite file: a process restart.</summary>
    public void Restart()
    {
        Host.Dispose();
        Host = new StoreHost(_file.Options, Clock, Workflows);
    }

    public async Task<WorkflowInstance> StartAsync(string definitionId, JsonObject input)
    {
        var run = await Host.Runtime.StartAsync(new StartWorkflowRequest(definitionId) { Input = input });
        Assert.True(run.Instance.Status != WorkflowStatus.Faulted, $"{definitionId} faulted: {string.Join("; ", run.Instance.Incidents.Select(i => i.ActivityId + ": " + i.Message))}");
        return run.Instance;
    }

    /// <summary>The one open department task of the instance (its bookmark payload is the task).</summary>
    public async Task<JsonObject> OpenTaskAsync(string instanceId)
    {
        var tasks = (await Host.Instances.ListBookmarksAsync(instanceId)).Where(b => b.Name == DepartmentTaskNames.Bookmark).ToList();
        var task = Assert.Single(tasks);
        return task.Payload!;
    }

    /// <summary>Completes the open task as a clerk of the expected department would; returns the instance after the resume.</summary>
    public async Task<WorkflowInstance> CompleteAsync(string instanceId, string department, string outcome, JsonArray? rows = null)
    {
        var task = await OpenTaskAsync(instanceId);
        Assert.Equal(department, task["department"]!.GetValue<string>());
        var bookmark = (await Host.Instances.ListBookmarksAsync(instanceId)).Single(b => b.Name == DepartmentTaskNames.Bookmark);
        var payload = new JsonObject { ["outcome"] = outcome, ["completedBy"] = department + "-clerk", ["rows"] = rows };
        var result = await Host.Runtime.ResumeAsync(ResumeRequest.ForBookmark(bookmark.Id, $"task-{++_completions}", payload));
        Assert.Equal(ResumeOutcome.Resumed, result.Outcome);
        return await InstanceAsync(instanceId);
    }

    /// <summary>The tax department's payment notice for a person and benefit year, keyed by its transaction id.</summary>
    public Task<ResumeResult> PayAsync(string region, string idNumber, int benefitYear, string paidOn, long amountFen, string transactionId) =>
        Host.Runtime.ResumeAsync(ResumeRequest.ForEvent(region, "tax.payment-notice", $"{idNumber}/{benefitYear}", transactionId,
            new JsonObject { ["paidOn"] = paidOn, ["amountFen"] = amountFen, ["transactionId"] = transactionId }));

    public async Task<WorkflowInstance> InstanceAsync(string instanceId) => (await Host.Instances.FindInstanceAsync(instanceId))!;

    /// <summary>The events the instance published (PublishEvent), by name.</summary>
    public async Task<JsonObject> PublishedAsync(string instanceId, string eventName)
    {
        var events = (await Host.Instances.ListOutboxAsync(10_000))
            .Where(m => m.InstanceId == instanceId && m.Type == "ResidentInsurance.WorkflowEvent" && m.Payload["eventName"]?.GetValue<string>() == eventName)
            .ToList();
        return Assert.Single(events).Payload["payload"]!.AsObject();
    }

    public void Dispose()
    {
        Host.Dispose();
        _file.Dispose();
        _copy?.Delete(recursive: true);
    }

    /// <summary>Sets a parameter of a region document in the copied workflows/ (a bureau's local setting).</summary>
    public static void SetParameter(string workflows, string region, string path, JsonNode value)
    {
        var file = Path.Combine(workflows, "regions", region + ".json");
        var document = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        var segments = path.Split('/');
        var node = document;
        foreach (var segment in segments[..^1])
        {
            node = node[segment]!.AsObject();
        }

        node[segments[^1]] = value;
        File.WriteAllText(file, document.ToJsonString());
    }

    private static void Copy(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}
