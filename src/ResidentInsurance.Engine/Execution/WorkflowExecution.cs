using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ResidentInsurance.Engine.Activities;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Engine.Scripting;

namespace ResidentInsurance.Engine.Execution;

/// <summary>
/// One run of an instance until it waits, ends or faults: the flowchart interpreter. It collects every
/// change (bookmarks, stimuli, journal, outbox) so the runtime commits them in one transaction.
/// </summary>
internal sealed class WorkflowExecution
{
    private readonly Queue<WorkItem> _queue = new();
    private readonly List<Bookmark> _liveBookmarks;
    private readonly IInstanceStore? _instances;
    private string? _parametersText;
    private bool _parametersLoaded;

    public WorkflowExecution(
        EngineServices services,
        WorkflowGraph graph,
        DefinitionVersion version,
        WorkflowInstance instance,
        IReadOnlyList<Bookmark> existingBookmarks,
        IInstanceStore? instances,
        RunOptions options,
        CancellationToken cancellationToken)
    {
        Services = services;
        Graph = graph;
        Version = version;
        Instance = instance;
        _liveBookmarks = [.. existingBookmarks];
        _instances = instances;
        Options = options;
        CancellationToken = cancellationToken;
        Now = services.Clock.GetUtcNow();
    }

    public EngineServices Services { get; }

    public WorkflowGraph Graph { get; }

    public DefinitionVersion Version { get; }

    public WorkflowInstance Instance { get; }

    public RunOptions Options { get; }

    public CancellationToken CancellationToken { get; }

    public DateTimeOffset Now { get; }

    public List<Bookmark> AddedBookmarks { get; } = [];

    public List<string> RemovedBookmarkIds { get; } = [];

    public List<string> ConsumedStimulusIds { get; } = [];

    public List<JournalEntry> Journal { get; } = [];

    public List<OutboxMessage> Outbox { get; } = [];

    /// <summary>The bookmarks the instance holds after this run.</summary>
    public IReadOnlyList<Bookmark> LiveBookmarks => _liveBookmarks;

    public string? ResolveVariableName(string nameOrId) => Graph.ResolveVariableName(nameOrId);

    public void Schedule(WorkItem item) => _queue.Enqueue(item);

    public void AddOutbox(string type, JsonObject payload)
    {
        if (!Options.DryRun)
        {
            Outbox.Add(new OutboxMessage(Services.Ids.NewId(), type, Instance.TenantId, Instance.Id, payload, Now));
        }
    }

    /// <summary>The pinned parameter document, parsed once per content and shared: callers must not change it.</summary>
    public JsonNode? GetParameters() => _parametersText is null ? null : Services.Content.GetParsed(_parametersText);

    public async ValueTask<string> GetPinnedScriptAsync(string name)
    {
        if (!Version.Pins.Scripts.TryGetValue(name, out var hash))
        {
            throw new ActivityFaultException("PolicyNotPinned", $"policy script '{name}' is not pinned by {Version.DefinitionId} v{Version.Version}; save the definition again to pin it");
        }

        return await Services.Content.GetAsync(hash, CancellationToken)
            ?? throw new ActivityFaultException("PolicyContentMissing", $"policy script '{name}' (content {hash[..12]}…) is missing from the store");
    }

    /// <summary>Runs queued work until nothing is runnable; then sets the instance status.</summary>
    public async Task RunAsync()
    {
        if (!_parametersLoaded)
        {
            _parametersLoaded = true;
            if (Version.Pins.ParametersHash is { } hash)
            {
                _parametersText = await Services.Content.GetAsync(hash, CancellationToken);
            }
        }

        Instance.Status = WorkflowStatus.Running;
        var executions = 0;
        while (_queue.Count > 0)
        {
            CancellationToken.ThrowIfCancellationRequested();
            var item = _queue.Dequeue();
            if (++executions > Options.MaxActivityExecutions)
            {
                Fault(item.ActivityId, "Engine", "ExecutionLimit", $"more than {Options.MaxActivityExecutions} activity executions in one run without waiting: the flowchart probably loops without a wait");
                break;
            }

            if (!await StepAsync(item))
            {
                break;
            }
        }

        Instance.UpdatedAt = Now;
        if (Instance.Status == WorkflowStatus.Faulted || Instance.PendingActivities.Count > 0)
        {
            // A fault not yet retried keeps the instance faulted, even when another branch moved on.
            Instance.Status = WorkflowStatus.Faulted;
            return;
        }

        if (_liveBookmarks.Count > 0)
        {
            Instance.Status = WorkflowStatus.Suspended;
        }
        else
        {
            Instance.Status = WorkflowStatus.Finished;
            Instance.FinishedAt = Now;
        }
    }

    /// <summary>Runs one work item; false when the instance faulted or ended and the run must stop.</summary>
    private async Task<bool> StepAsync(WorkItem item)
    {
        var node = Graph.Find(item.ActivityId);
        if (node is null)
        {
            Fault(item.ActivityId, "Unknown", "UnknownActivity", $"activity '{item.ActivityId}' is not in {Version.DefinitionId} v{Version.Version}");
            return false;
        }

        var descriptor = Services.Registry.Find(node.Type, node.Version) ?? Services.Registry.FindLatest(node.Type);
        if (descriptor is null)
        {
            Fault(node.Id, node.Type, "UnknownActivityType", $"activity type {node.Type} v{node.Version} is not registered");
            return false;
        }

        var activity = Services.Registry.GetActivity(descriptor);
        var context = new ActivityContext(this, node, descriptor);
        ActivityResult result;
        try
        {
            if (item.ResumeFrom is { } bookmark)
            {
                Write(node, JournalEventKind.Resumed, message: bookmark.Name);
                result = await activity.ResumeAsync(context, bookmark, item.Payload);
            }
            else
            {
                Write(node, JournalEventKind.Started);
                result = await activity.ExecuteAsync(context);
            }
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (InvalidStimulusException)
        {
            throw;
        }
        catch (ScriptFailureException ex) when (ex.Kind == ScriptFailureKind.Cancelled && CancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("the run was cancelled", ex, CancellationToken);
        }
        catch (ScriptFailureException ex)
        {
            Fault(node.Id, node.Type, $"Script{ex.Kind}", ex.Message, node);
            return false;
        }
        catch (ActivityFaultException ex)
        {
            Fault(node.Id, node.Type, ex.Kind, ex.Message, node);
            return false;
        }
        catch (Exception ex)
        {
            Services.Logger.LogError(ex, "Activity {ActivityId} ({ActivityType}) of instance {InstanceId} failed", node.Id, node.Type, Instance.Id);
            Fault(node.Id, node.Type, ex.GetType().Name, ex.Message, node);
            return false;
        }

        switch (result)
        {
            case ActivityResult.Completed completed:
                Write(node, JournalEventKind.Completed, outcome: string.Join(",", completed.Outcomes));
                Route(node.Id, completed.Outcomes);
                return true;
            case ActivityResult.Suspended suspended:
                await SuspendAsync(node, suspended.Bookmark);
                return true;
            case ActivityResult.Ended:
                Write(node, JournalEventKind.Completed, outcome: "End");
                EndWorkflow();
                return false;
            default:
                throw new InvalidOperationException($"unexpected activity result {result.GetType().Name}");
        }
    }

    private async Task SuspendAsync(Model.ActivityNode node, BookmarkRequest request)
    {
        var bookmark = new Bookmark
        {
            Id = Services.Ids.NewId(),
            InstanceId = Instance.Id,
            TenantId = Instance.TenantId,
            ActivityId = node.Id,
            ActivityNodeId = node.NodeId,
            ActivityType = node.Type,
            Name = request.Name,
            CorrelationKey = request.CorrelationKey,
            ResumeAt = request.ResumeAt,
            Payload = request.Payload,
            CreatedAt = Now,
        };
        Write(node, JournalEventKind.Suspended, message: request.CorrelationKey is null ? request.Name : $"{request.Name} [{request.CorrelationKey}]");

        if (Options.DryRun)
        {
            var answer = Options.WaitResponder?.Invoke(new WaitRequest(node.Id, node.Type, request.Name, request.CorrelationKey, request.Payload));
            if (answer is not null)
            {
                Schedule(new WorkItem(node.Id, bookmark, answer));
                return;
            }
        }
        else if (_instances is not null && request.ResumeAt is null)
        {
            // An event that arrived before its bookmark was kept: match it now, in this same commit.
            var early = await _instances.FindPendingStimulusAsync(request.Name, request.CorrelationKey, Instance.TenantId, CancellationToken);
            if (early is not null && !ConsumedStimulusIds.Contains(early.Id))
            {
                ConsumedStimulusIds.Add(early.Id);
                Schedule(new WorkItem(node.Id, bookmark, early.Payload));
                return;
            }
        }

        AddedBookmarks.Add(bookmark);
        _liveBookmarks.Add(bookmark);
    }

    /// <summary>Consumes a bookmark (removes it from the live set and the store in this commit).</summary>
    public void ConsumeBookmark(Bookmark bookmark)
    {
        _liveBookmarks.RemoveAll(b => b.Id == bookmark.Id);
        if (AddedBookmarks.RemoveAll(b => b.Id == bookmark.Id) == 0)
        {
            RemovedBookmarkIds.Add(bookmark.Id);
        }
    }

    private void Route(string sourceId, IReadOnlyList<string> outcomes)
    {
        foreach (var connection in Graph.Outbound(sourceId))
        {
            var port = connection.Source.Port ?? ActivityResult.DoneOutcome;
            if (!outcomes.Contains(port, StringComparer.Ordinal))
            {
                continue;
            }

            var target = Graph.Find(connection.Target.Activity);
            if (target is null)
            {
                continue;
            }

            if (target.Type == "Elsa.FlowJoin")
            {
                ArriveAtJoin(target, sourceId);
            }
            else
            {
                Schedule(new WorkItem(target.Id));
            }
        }
    }

    private void ArriveAtJoin(Model.ActivityNode join, string sourceId)
    {
        var mode = ReadJoinMode(join);
        var sources = Graph.Inbound(join.Id).Select(c => c.Source.Activity).Distinct(StringComparer.Ordinal).ToList();
        if (!Instance.JoinArrivals.TryGetValue(join.Id, out var arrived))
        {
            arrived = [];
            Instance.JoinArrivals[join.Id] = arrived;
        }

        if (arrived.Contains(sourceId, StringComparer.Ordinal))
        {
            // The same branch again: a loop re-entered the join, a new round starts.
            arrived.Clear();
        }

        arrived.Add(sourceId);
        if (mode == "WaitAny")
        {
            if (arrived.Count == 1)
            {
                CancelBranchesInto(join.Id);
                Schedule(new WorkItem(join.Id));
            }

            if (arrived.Count >= sources.Count)
            {
                Instance.JoinArrivals.Remove(join.Id);
            }

            return;
        }

        if (sources.All(s => arrived.Contains(s, StringComparer.Ordinal)))
        {
            Instance.JoinArrivals.Remove(join.Id);
            Schedule(new WorkItem(join.Id));
        }
    }

    private static string ReadJoinMode(Model.ActivityNode join)
    {
        var expression = Model.InputExpression.From(join.GetProperty("mode"));
        return expression?.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "WaitAll";
    }

    /// <summary>A wait-any join fired: the other branches' waits into it are cancelled.</summary>
    private void CancelBranchesInto(string joinId)
    {
        var ancestors = Graph.AncestorsOf(joinId);
        foreach (var bookmark in _liveBookmarks.Where(b => ancestors.Contains(b.ActivityId)).ToList())
        {
            ConsumeBookmark(bookmark);
            var node = Graph.Find(bookmark.ActivityId);
            if (node is not null)
            {
                Write(node, JournalEventKind.Cancelled, message: "wait-any join completed by another branch");
                if (bookmark.Name == DepartmentTaskNames.Bookmark)
                {
                    AddOutbox(DepartmentTaskNames.CancelledMessage, new JsonObject { ["taskId"] = bookmark.CorrelationKey, ["reason"] = "branch-cancelled" });
                }
            }
        }

        var pending = _queue.Where(i => !ancestors.Contains(i.ActivityId)).ToList();
        _queue.Clear();
        foreach (var item in pending)
        {
            _queue.Enqueue(item);
        }
    }

    private void EndWorkflow()
    {
        _queue.Clear();
        foreach (var bookmark in _liveBookmarks.ToList())
        {
            ConsumeBookmark(bookmark);
            if (bookmark.Name == DepartmentTaskNames.Bookmark)
            {
                AddOutbox(DepartmentTaskNames.CancelledMessage, new JsonObject { ["taskId"] = bookmark.CorrelationKey, ["reason"] = "workflow-ended" });
            }
        }

        Instance.JoinArrivals.Clear();
    }

    private void Fault(string activityId, string activityType, string kind, string message, Model.ActivityNode? node = null)
    {
        var incident = new Incident(activityId, node?.NodeId, activityType, kind, message, Now);
        Instance.Incidents.Add(incident);
        Instance.Status = WorkflowStatus.Faulted;
        Instance.PendingActivities.Add(activityId);
        Instance.PendingActivities.AddRange(_queue.Where(i => i.ResumeFrom is null).Select(i => i.ActivityId));
        _queue.Clear();
        if (node is not null)
        {
            Write(node, JournalEventKind.Faulted, message: $"{kind}: {message}");
        }

        Services.Logger.LogWarning("Instance {InstanceId} faulted in {ActivityId} ({Kind}): {Message}", Instance.Id, activityId, kind, message);
    }

    private void Write(Model.ActivityNode node, JournalEventKind kind, string? outcome = null, string? message = null)
    {
        Journal.Add(new JournalEntry(Instance.Id, ++Instance.JournalSequence, node.Id, node.NodeId, node.Type, node.Version, kind, Now, outcome, message));
    }
}
