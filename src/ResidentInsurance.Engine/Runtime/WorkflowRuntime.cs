using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ResidentInsurance.Engine.Activities;
using ResidentInsurance.Engine.Clock;
using ResidentInsurance.Engine.Descriptors;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Model;
using ResidentInsurance.Engine.Scripting;

namespace ResidentInsurance.Engine.Runtime;

/// <summary>
/// Starts, resumes and retries instances. Every change of one step is committed in one transaction
/// against the instance's revision; a lost race is retried from fresh state, so a bookmark is resumed
/// once however many callers try.
/// </summary>
public sealed class WorkflowRuntime
{
    private const int MaxAttempts = 8;
    private readonly IDefinitionStore _definitions;
    private readonly IInstanceStore _instances;
    private readonly EngineServices _services;
    private readonly WorkflowGraphCache _graphs = new();
    private readonly ConcurrentDictionary<string, DefinitionVersion> _published = new(StringComparer.Ordinal);
    private readonly IOutboxSignal _outboxSignal;

    public WorkflowRuntime(
        IDefinitionStore definitions,
        IInstanceStore instances,
        IScriptEvaluator scripts,
        ActivityRegistry registry,
        TimeProvider clock,
        IIdGenerator ids,
        IOutboxSignal outboxSignal,
        ILogger<WorkflowRuntime> logger)
    {
        _definitions = definitions;
        _instances = instances;
        _outboxSignal = outboxSignal;
        _services = new EngineServices(clock, ids, scripts, registry, new PinnedContentCache(definitions), logger);
    }

    /// <summary>Starts an instance; for a dry run nothing is written and waits are answered by the responder.</summary>
    public async Task<RunResult> StartAsync(StartWorkflowRequest request, CancellationToken ct = default)
    {
        using var span = request.Options.DryRun ? null : EngineTelemetry.Source.StartActivity("workflow.start");
        var version = await ResolveVersionAsync(request, ct);
        if (!request.Options.DryRun && request.CorrelationId is not null && await FindStartedAsync(version.DefinitionId, request.CorrelationId, ct) is { } existing)
        {
            return existing;
        }

        span?.SetTag("ri.region", version.TenantId);
        span?.SetTag("ri.definition", version.DefinitionId);
        var graph = _graphs.Get(version);
        var now = _services.Clock.GetUtcNow();
        var instance = new WorkflowInstance
        {
            Id = _services.Ids.NewId(),
            DefinitionId = version.DefinitionId,
            DefinitionVersionId = version.Id,
            Version = version.Version,
            TenantId = version.TenantId,
            CorrelationId = request.CorrelationId,
            CreatedAt = now,
            UpdatedAt = now,
            Input = (JsonObject?)request.Input?.DeepClone() ?? [],
            Variables = InitialVariables(graph.Definition),
        };
        var execution = new WorkflowExecution(_services, graph, version, instance, [], request.Options.DryRun ? null : _instances, request.Options, ct);
        foreach (var start in graph.StartActivities)
        {
            execution.Schedule(new WorkItem(start.Id));
        }

        await execution.RunAsync();
        if (request.Options.DryRun)
        {
            return ResultOf(execution);
        }

        try
        {
            await CommitAsync(execution, expectedRevision: 0, isNew: true, stimuli: [], ct);
        }
        catch (DuplicateInstanceException duplicate)
        {
            return await FindStartedAsync(version.DefinitionId, duplicate.CorrelationId, ct)
                ?? throw new InstanceStateException($"{duplicate.Message}, but it cannot be read back");
        }

        var run = ResultOf(execution);
        EngineTelemetry.RecordStart(run);
        return run;
    }

    /// <summary>Resumes one waiting instance (see <see cref="ResumeRequest"/>); exactly once per bookmark and per key.</summary>
    public async Task<ResumeResult> ResumeAsync(ResumeRequest request, CancellationToken ct = default)
    {
        using var span = EngineTelemetry.Source.StartActivity("workflow.resume");
        span?.SetTag("ri.region", request.TenantId);
        span?.SetTag("ri.event", request.EventName);
        var result = await ResumeCoreAsync(request, ct);
        span?.SetTag("ri.outcome", result.Outcome.ToString());
        EngineTelemetry.RecordResume(result, request.TenantId);
        return result;
    }

    private Task<ResumeResult> ResumeCoreAsync(ResumeRequest request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.IdempotencyKey))
        {
            throw new ArgumentException("a resume needs an idempotency key", nameof(request));
        }

        if (request.BookmarkId is not null)
        {
            return ResumeBookmarkAsync(request, ct);
        }

        if (string.IsNullOrWhiteSpace(request.EventName) || string.IsNullOrWhiteSpace(request.TenantId))
        {
            throw new ArgumentException("a resume names a bookmark id, or an event name with its region", nameof(request));
        }

        return DeliverEventAsync(request, ct);
    }

    /// <summary>Re-runs the activities a faulted instance stopped at; the incidents are marked resolved.</summary>
    public async Task<RunResult> RetryAsync(string instanceId, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var instance = await _instances.FindInstanceAsync(instanceId, ct) ?? throw new InstanceStateException($"instance {instanceId} does not exist");
            if (instance.Status != WorkflowStatus.Faulted)
            {
                throw new InstanceStateException($"instance {instanceId} is {instance.Status}, not Faulted: nothing to retry");
            }

            var (version, graph) = await LoadVersionAsync(instance, ct);
            var bookmarks = await _instances.ListBookmarksAsync(instanceId, ct);
            var expected = instance.Revision;
            var pending = instance.PendingActivities.ToList();
            instance.PendingActivities.Clear();
            instance.Incidents = instance.Incidents.Select(i => i with { Resolved = true }).ToList();
            var execution = new WorkflowExecution(_services, graph, version, instance, bookmarks, _instances, RunOptions.Default, ct);
            foreach (var activityId in pending)
            {
                execution.Schedule(new WorkItem(activityId));
            }

            await execution.RunAsync();
            try
            {
                await CommitAsync(execution, expected, isNew: false, stimuli: [], ct);
                return ResultOf(execution);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
            }
        }
    }

    /// <summary>
    /// Hands over events that were kept but never reached the instance waiting for them — the process stopped
    /// between keeping the event and resuming, or the bookmark appeared without meeting it. Returns how many
    /// instances were resumed here; the rest stay parked.
    /// </summary>
    public async Task<int> MatchPendingStimuliAsync(CancellationToken ct = default)
    {
        var resumed = 0;
        foreach (var stimulus in await _instances.ListPendingStimuliAsync(null, ct))
        {
            var result = await MatchStimulusAsync(stimulus, ct);
            if (result.Outcome == ResumeOutcome.Resumed && result.Message is null)
            {
                resumed++;
            }
        }

        return resumed;
    }

    /// <summary>Resumes every timer bookmark that is due; returns how many were resumed here.</summary>
    public async Task<int> ProcessDueTimersAsync(int max = 100, CancellationToken ct = default)
    {
        var due = await _instances.FindDueTimersAsync(_services.Clock.GetUtcNow(), max, ct);
        var resumed = 0;
        foreach (var bookmark in due)
        {
            var result = await ResumeAsync(ResumeRequest.ForBookmark(bookmark.Id, $"timer:{bookmark.Id}"), ct);
            if (result.Outcome == ResumeOutcome.Resumed)
            {
                resumed++;
            }
        }

        return resumed;
    }

    private async Task<ResumeResult> ResumeBookmarkAsync(ResumeRequest request, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await _instances.FindStimulusAsync(request.IdempotencyKey, ct) is { } seen)
            {
                return new ResumeResult(ResumeOutcome.AlreadyHandled, seen.ConsumedByInstanceId, Message: $"key '{request.IdempotencyKey}' was handled at {seen.ConsumedAt ?? seen.ReceivedAt:O}");
            }

            var bookmark = await _instances.FindBookmarkAsync(request.BookmarkId!, ct);
            if (bookmark is null)
            {
                return new ResumeResult(ResumeOutcome.NoMatch, Message: $"no bookmark '{request.BookmarkId}' is waiting");
            }

            try
            {
                var execution = await ResumeInstanceAsync(bookmark, request.Payload, consumedStimulusId: null, [ConsumedOnArrival(bookmark, request)], ct);
                return execution is null
                    ? new ResumeResult(ResumeOutcome.NoMatch, bookmark.InstanceId, Message: "the instance no longer waits on this bookmark")
                    : new ResumeResult(ResumeOutcome.Resumed, bookmark.InstanceId, execution.Instance.Status);
            }
            catch (DuplicateStimulusException)
            {
                return new ResumeResult(ResumeOutcome.AlreadyHandled, bookmark.InstanceId, Message: $"key '{request.IdempotencyKey}' was handled by a concurrent caller");
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
            }
        }
    }

    private async Task<ResumeResult> DeliverEventAsync(ResumeRequest request, CancellationToken ct)
    {
        if (await DeliverToWaitingAsync(request, ct) is { } delivered)
        {
            return delivered;
        }

        var stimulus = new Stimulus
        {
            Id = _services.Ids.NewId(),
            Key = request.IdempotencyKey,
            Name = request.EventName!,
            CorrelationKey = request.CorrelationKey,
            TenantId = request.TenantId!,
            Payload = request.Payload,
            ReceivedAt = _services.Clock.GetUtcNow(),
            Status = StimulusStatus.Pending,
        };
        try
        {
            await _instances.AddStimulusAsync(stimulus, ct);
        }
        catch (DuplicateStimulusException)
        {
            var seen = await _instances.FindStimulusAsync(request.IdempotencyKey, ct);
            if (seen is { Status: StimulusStatus.Pending })
            {
                // Received before but never handed over — the process may have stopped between keeping it and
                // resuming the instance: hand it over now, once.
                var retried = await MatchStimulusAsync(seen, ct);
                if (retried.Outcome == ResumeOutcome.Resumed && retried.Message is null)
                {
                    return retried;
                }
            }

            return new ResumeResult(ResumeOutcome.AlreadyHandled, seen?.ConsumedByInstanceId, Message: $"key '{request.IdempotencyKey}' was received before");
        }

        return await MatchStimulusAsync(stimulus, ct);
    }

    /// <summary>
    /// The usual case — an instance already waits for the event (a payment notice for a registration made before): the
    /// event is kept in the same transaction as the step it resumes, consumed, one commit instead of two (keep it, then
    /// resume and mark it consumed). Null, with nothing written, for every other case — no bookmark yet, the key seen
    /// before, a concurrent caller, any failure — which takes the long way: the event kept first, then handed over.
    /// </summary>
    private async Task<ResumeResult?> DeliverToWaitingAsync(ResumeRequest request, CancellationToken ct)
    {
        if (await FirstWaitingAsync(request.EventName!, request.CorrelationKey, request.TenantId!, ct) is not { } bookmark)
        {
            return null;
        }

        try
        {
            var execution = await ResumeInstanceAsync(bookmark, request.Payload, consumedStimulusId: null, [ConsumedOnArrival(bookmark, request)], ct);
            return execution is null ? null : new ResumeResult(ResumeOutcome.Resumed, bookmark.InstanceId, execution.Instance.Status);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The key seen before, a concurrent caller, or a failure: nothing of this attempt was committed, and the
            // long way keeps the event before it tries again (a failure that persists is reported from there).
            return null;
        }
    }

    /// <summary>The oldest event bookmark (not a timer) waiting for this event and key in the region, or null.</summary>
    private async Task<Bookmark?> FirstWaitingAsync(string name, string? correlationKey, string tenantId, CancellationToken ct) =>
        (await _instances.FindBookmarksAsync(name, correlationKey, tenantId, ct)).Where(b => b.ResumeAt is null).OrderBy(b => b.CreatedAt).FirstOrDefault();

    /// <summary>The record of a stimulus handed to its bookmark as it arrives, written in the commit of the step it resumes.</summary>
    private Stimulus ConsumedOnArrival(Bookmark bookmark, ResumeRequest request)
    {
        var now = _services.Clock.GetUtcNow();
        return new Stimulus
        {
            Id = _services.Ids.NewId(),
            Key = request.IdempotencyKey,
            Name = bookmark.Name,
            CorrelationKey = bookmark.CorrelationKey,
            BookmarkId = bookmark.Id,
            TenantId = bookmark.TenantId,
            Payload = request.Payload,
            ReceivedAt = now,
            Status = StimulusStatus.Consumed,
            ConsumedByInstanceId = bookmark.InstanceId,
            ConsumedAt = now,
        };
    }

    /// <summary>Tries to hand a pending stimulus to a waiting bookmark; otherwise it stays parked.</summary>
    private async Task<ResumeResult> MatchStimulusAsync(Stimulus stimulus, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await _instances.FindStimulusAsync(stimulus.Key, ct);
            if (current is { Status: StimulusStatus.Consumed })
            {
                return new ResumeResult(ResumeOutcome.Resumed, current.ConsumedByInstanceId, Message: "matched by the instance that made its bookmark");
            }

            var bookmark = await FirstWaitingAsync(stimulus.Name, stimulus.CorrelationKey, stimulus.TenantId, ct);
            if (bookmark is null)
            {
                return new ResumeResult(ResumeOutcome.Parked, Message: $"no instance waits for {stimulus.Name} [{stimulus.CorrelationKey}] yet: kept, and matched when one does");
            }

            try
            {
                var execution = await ResumeInstanceAsync(bookmark, stimulus.Payload, stimulus.Id, [], ct);
                return execution is not null
                    ? new ResumeResult(ResumeOutcome.Resumed, bookmark.InstanceId, execution.Instance.Status)
                    : new ResumeResult(ResumeOutcome.Parked, Message: $"instance {bookmark.InstanceId} no longer runs: the stimulus is kept for review");
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
            }
        }
    }

    /// <summary>Loads the bookmark's instance, consumes the bookmark, runs, commits. Null when the instance moved on.</summary>
    private async Task<WorkflowExecution?> ResumeInstanceAsync(Bookmark bookmark, JsonObject? payload, string? consumedStimulusId, IReadOnlyList<Stimulus> stimuli, CancellationToken ct)
    {
        var instance = await _instances.FindInstanceAsync(bookmark.InstanceId, ct);
        if (instance is null)
        {
            return null;
        }

        if (instance.Status is WorkflowStatus.Finished or WorkflowStatus.Cancelled)
        {
            // Read between another caller's commit and ours: look again (same key → already handled).
            throw new ConcurrencyConflictException($"instance {instance.Id} moved on while bookmark {bookmark.Id} was being resumed");
        }

        var (version, graph) = await LoadVersionAsync(instance, ct);
        var live = await _instances.ListBookmarksAsync(instance.Id, ct);
        if (live.All(b => b.Id != bookmark.Id))
        {
            throw new ConcurrencyConflictException($"bookmark {bookmark.Id} was consumed meanwhile");
        }

        var expected = instance.Revision;
        var execution = new WorkflowExecution(_services, graph, version, instance, live, _instances, RunOptions.Default, ct);
        execution.ConsumeBookmark(bookmark);
        if (consumedStimulusId is not null)
        {
            execution.ConsumedStimulusIds.Add(consumedStimulusId);
        }

        execution.Schedule(new WorkItem(bookmark.ActivityId, bookmark, payload));
        await execution.RunAsync();
        await CommitAsync(execution, expected, isNew: false, stimuli, ct);
        EngineTelemetry.RecordRun(execution.Instance, execution.Outbox);
        return execution;
    }

    private async Task CommitAsync(WorkflowExecution execution, long expectedRevision, bool isNew, IReadOnlyList<Stimulus> stimuli, CancellationToken ct)
    {
        var instance = execution.Instance;
        instance.Revision = expectedRevision + 1;
        await _instances.CommitAsync(new InstanceCommit(
            instance,
            expectedRevision,
            isNew,
            execution.RemovedBookmarkIds,
            execution.AddedBookmarks,
            stimuli,
            execution.ConsumedStimulusIds,
            execution.Journal,
            execution.Outbox), ct);
        if (execution.Outbox.Count > 0)
        {
            _outboxSignal.Notify();
        }

        await MatchLateStimuliAsync(execution.AddedBookmarks, ct);
    }

    /// <summary>
    /// A stimulus may have been parked between this run's look-up and its commit; look once more for the
    /// bookmarks just made, so neither side waits forever.
    /// </summary>
    private async Task MatchLateStimuliAsync(IReadOnlyList<Bookmark> added, CancellationToken ct)
    {
        foreach (var bookmark in added.Where(b => b.ResumeAt is null))
        {
            var pending = await _instances.FindPendingStimulusAsync(bookmark.Name, bookmark.CorrelationKey, bookmark.TenantId, ct);
            if (pending is not null)
            {
                await MatchStimulusAsync(pending, ct);
            }
        }
    }

    private async Task<DefinitionVersion> ResolveVersionAsync(StartWorkflowRequest request, CancellationToken ct)
    {
        if (request.Candidate is not null)
        {
            return request.Options.DryRun ? request.Candidate : throw new ArgumentException("a candidate version runs only as a dry run", nameof(request));
        }

        if (request.VersionId is not null)
        {
            return await _definitions.FindVersionAsync(request.VersionId, ct)
                ?? throw new WorkflowNotFoundException($"definition version '{request.VersionId}' does not exist");
        }

        // The flags of every version are read each time (a publish takes effect at once), the chosen document once.
        var versions = await _definitions.ListVersionHeadsAsync(request.DefinitionId, ct);
        var head = VersionSelector.Select(versions, request.VersionOptions)
            ?? throw new WorkflowNotFoundException(versions.Count == 0
                ? $"workflow '{request.DefinitionId}' does not exist"
                : $"workflow '{request.DefinitionId}' has no {request.VersionOptions.ToString().ToLowerInvariant()} version");
        return await VersionByIdAsync(head.Id, ct)
            ?? throw new WorkflowNotFoundException($"definition version '{head.Id}' of '{request.DefinitionId}' was deleted while it was chosen");
    }

    /// <summary>
    /// The version an instance runs on. One that was ever published is kept after the first read: its document and
    /// pins never change (only its lifecycle flags do, which a running instance does not read), and every resume of
    /// every instance on it would otherwise read and parse the whole document again. A draft is read each time.
    /// </summary>
    private async Task<(DefinitionVersion, WorkflowGraph)> LoadVersionAsync(WorkflowInstance instance, CancellationToken ct)
    {
        var version = await VersionByIdAsync(instance.DefinitionVersionId, ct)
            ?? throw new InstanceStateException($"instance {instance.Id} runs on definition version {instance.DefinitionVersionId}, which is missing");
        return (version, _graphs.Get(version));
    }

    /// <summary>A version by id: one that was ever published from the process's copy, any other from the store.</summary>
    private async Task<DefinitionVersion?> VersionByIdAsync(string id, CancellationToken ct)
    {
        if (_published.TryGetValue(id, out var version))
        {
            return version;
        }

        version = await _definitions.FindVersionAsync(id, ct);
        if (version?.PublishedAt is not null)
        {
            if (_published.Count >= 1024)
            {
                _published.Clear();
            }

            _published[version.Id] = version;
        }

        return version;
    }

    private static JsonObject InitialVariables(WorkflowDefinition definition)
    {
        var variables = new JsonObject();
        foreach (var variable in definition.Variables)
        {
            variables[variable.Name] = VariableValues.Initial(variable);
        }

        return variables;
    }

    /// <summary>The instance a repeated start refers to, answered as it stands now.</summary>
    private async Task<RunResult?> FindStartedAsync(string definitionId, string correlationId, CancellationToken ct)
    {
        var found = await _instances.ListInstancesAsync(new InstanceQuery(null, definitionId, CorrelationId: correlationId, Skip: 0, Take: 1), ct);
        if (found.Count == 0)
        {
            return null;
        }

        var instance = found[0];
        return new RunResult(instance, await _instances.ListBookmarksAsync(instance.Id, ct), [], []) { AlreadyStarted = true };
    }

    private static RunResult ResultOf(WorkflowExecution execution) =>
        new(execution.Instance, execution.LiveBookmarks.ToList(), execution.Journal, execution.Outbox);
}
