using ResidentInsurance.Engine.Execution;

namespace ResidentInsurance.Engine.Runtime;

/// <summary>
/// Both stores in memory, with the same transactional rules as the database (revision check, bookmark
/// and stimulus conditions, unique stimulus keys). Used by dry runs and tests; values are cloned in and
/// out so no caller shares state with the store.
/// </summary>
public sealed class InMemoryWorkflowStore : IDefinitionStore, IInstanceStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DefinitionVersion> _versions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ContentBlob> _content = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileImport> _imports = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkflowInstance> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Bookmark> _bookmarks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Stimulus> _stimuliByKey = new(StringComparer.Ordinal);
    private readonly List<JournalEntry> _journal = [];
    private readonly List<OutboxMessage> _outbox = [];
    private readonly List<WorkflowRecord> _records = [];

    public Task<DefinitionVersion?> FindVersionAsync(string id, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_versions.GetValueOrDefault(id));
        }
    }

    public Task<IReadOnlyList<DefinitionVersion>> ListVersionsAsync(string definitionId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<DefinitionVersion>>(_versions.Values.Where(v => v.DefinitionId == definitionId).OrderByDescending(v => v.Version).ToList());
        }
    }

    public async Task<IReadOnlyList<DefinitionVersionHead>> ListVersionHeadsAsync(string definitionId, CancellationToken ct = default) =>
        (await ListVersionsAsync(definitionId, ct)).Select(v => v.Head).ToList();

    public Task<IReadOnlyList<DefinitionVersion>> ListAsync(string? tenantId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<DefinitionVersion>>(_versions.Values
                .Where(v => tenantId is null || v.TenantId == tenantId)
                .OrderBy(v => v.DefinitionId, StringComparer.Ordinal).ThenByDescending(v => v.Version).ToList());
        }
    }

    public Task SaveAsync(IReadOnlyList<DefinitionVersion> versions, IReadOnlyList<ContentBlob> content, FileImport? import, CancellationToken ct = default)
    {
        lock (_gate)
        {
            foreach (var version in versions)
            {
                if (_versions.Values.Any(v => v.Id != version.Id && v.DefinitionId == version.DefinitionId && v.Version == version.Version))
                {
                    throw new ConcurrencyConflictException($"{version.DefinitionId} v{version.Version} exists already");
                }
            }

            foreach (var version in versions)
            {
                _versions[version.Id] = version;
            }

            foreach (var blob in content)
            {
                _content.TryAdd(blob.Hash, blob);
            }

            if (import is not null)
            {
                _imports[import.Path] = import;
            }
        }

        return Task.CompletedTask;
    }

    public Task DeleteVersionsAsync(IReadOnlyList<string> ids, CancellationToken ct = default)
    {
        lock (_gate)
        {
            foreach (var id in ids)
            {
                _versions.Remove(id);
            }
        }

        return Task.CompletedTask;
    }

    public Task<ContentBlob?> GetContentAsync(string hash, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_content.GetValueOrDefault(hash));
        }
    }

    public Task<FileImport?> FindImportAsync(string path, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_imports.GetValueOrDefault(path));
        }
    }

    public Task<WorkflowInstance?> FindInstanceAsync(string id, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_instances.GetValueOrDefault(id)?.Clone());
        }
    }

    public Task<IReadOnlyList<WorkflowInstance>> ListInstancesAsync(InstanceQuery query, CancellationToken ct = default)
    {
        lock (_gate)
        {
            var matching = Matching(query);
            matching = query.NewestFirst ? matching.OrderByDescending(i => i.Id, StringComparer.Ordinal) : matching.OrderBy(i => i.Id, StringComparer.Ordinal);
            return Task.FromResult<IReadOnlyList<WorkflowInstance>>(matching.Skip(query.Skip).Take(query.Take).Select(i => i.Clone()).ToList());
        }
    }

    public Task<int> CountInstancesAsync(InstanceQuery query, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult(Matching(query).Count());
        }
    }

    private IEnumerable<WorkflowInstance> Matching(InstanceQuery query) => _instances.Values
        .Where(i => (query.TenantId is null || i.TenantId == query.TenantId)
                    && (query.DefinitionId is null || i.DefinitionId == query.DefinitionId)
                    && (query.DefinitionIds is not { Count: > 0 } ids || ids.Contains(i.DefinitionId))
                    && (query.Status is null || i.Status == query.Status)
                    && (query.Statuses is not { Count: > 0 } statuses || statuses.Contains(i.Status))
                    && (query.CorrelationId is null || i.CorrelationId == query.CorrelationId));

    public Task<Bookmark?> FindBookmarkAsync(string id, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_bookmarks.GetValueOrDefault(id));
        }
    }

    public Task<IReadOnlyList<Bookmark>> FindBookmarksAsync(string name, string? correlationKey, string? tenantId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Bookmark>>(_bookmarks.Values
                .Where(b => b.Name == name && b.CorrelationKey == correlationKey && (tenantId is null || b.TenantId == tenantId))
                .OrderBy(b => b.CreatedAt).ToList());
        }
    }

    public Task<IReadOnlyList<Bookmark>> ListBookmarksAsync(string instanceId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Bookmark>>(_bookmarks.Values.Where(b => b.InstanceId == instanceId).OrderBy(b => b.CreatedAt).ToList());
        }
    }

    public Task<IReadOnlyList<Bookmark>> ListBookmarksByNameAsync(string name, string? tenantId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Bookmark>>(_bookmarks.Values.Where(b => b.Name == name && (tenantId is null || b.TenantId == tenantId)).OrderBy(b => b.CreatedAt).ToList());
        }
    }

    public async Task<IReadOnlyList<BookmarkHead>> ListBookmarkHeadsByNameAsync(string name, string? tenantId, CancellationToken ct = default) =>
        (await ListBookmarksByNameAsync(name, tenantId, ct)).Select(b => new BookmarkHead(b.Id, b.InstanceId, b.TenantId, b.CorrelationKey)).ToList();

    public Task<IReadOnlyList<Bookmark>> FindDueTimersAsync(DateTimeOffset now, int max, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Bookmark>>(_bookmarks.Values.Where(b => b.ResumeAt <= now).OrderBy(b => b.ResumeAt).Take(max).ToList());
        }
    }

    public Task<Stimulus?> FindStimulusAsync(string key, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_stimuliByKey.GetValueOrDefault(key));
        }
    }

    public Task<Stimulus?> FindPendingStimulusAsync(string name, string? correlationKey, string tenantId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_stimuliByKey.Values
                .Where(s => s.Status == StimulusStatus.Pending && s.Name == name && s.CorrelationKey == correlationKey && s.TenantId == tenantId)
                .OrderBy(s => s.ReceivedAt).FirstOrDefault());
        }
    }

    public Task<IReadOnlyList<Stimulus>> ListPendingStimuliAsync(string? tenantId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Stimulus>>(_stimuliByKey.Values
                .Where(s => s.Status == StimulusStatus.Pending && (tenantId is null || s.TenantId == tenantId))
                .OrderBy(s => s.ReceivedAt).ToList());
        }
    }

    public Task AddStimulusAsync(Stimulus stimulus, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (!_stimuliByKey.TryAdd(stimulus.Key, stimulus))
            {
                throw new DuplicateStimulusException(stimulus.Key);
            }
        }

        return Task.CompletedTask;
    }

    public Task CommitAsync(InstanceCommit commit, CancellationToken ct = default)
    {
        lock (_gate)
        {
            var instance = commit.Instance;
            if (commit.IsNew ? _instances.ContainsKey(instance.Id) : !_instances.TryGetValue(instance.Id, out var stored) || stored.Revision != commit.ExpectedRevision)
            {
                throw new ConcurrencyConflictException($"instance {instance.Id} changed since revision {commit.ExpectedRevision}");
            }

            if (commit.RemovedBookmarkIds.Any(id => !_bookmarks.ContainsKey(id)))
            {
                throw new ConcurrencyConflictException($"a bookmark of instance {instance.Id} was consumed meanwhile");
            }

            var consumed = commit.ConsumedStimulusIds.Select(id => _stimuliByKey.Values.FirstOrDefault(s => s.Id == id)).ToList();
            if (consumed.Any(s => s is null || s.Status != StimulusStatus.Pending))
            {
                throw new ConcurrencyConflictException("a stimulus was consumed meanwhile");
            }

            if (commit.IsNew && instance.CorrelationId is { } correlation
                && _instances.Values.Any(i => i.Id != instance.Id && i.DefinitionId == instance.DefinitionId && i.CorrelationId == correlation))
            {
                throw new DuplicateInstanceException(instance.DefinitionId, correlation);
            }

            if (commit.AddedStimuli.FirstOrDefault(s => _stimuliByKey.ContainsKey(s.Key)) is { } duplicate)
            {
                throw new DuplicateStimulusException(duplicate.Key);
            }

            _instances[instance.Id] = instance.Clone();
            foreach (var id in commit.RemovedBookmarkIds)
            {
                _bookmarks.Remove(id);
            }

            foreach (var bookmark in commit.AddedBookmarks)
            {
                _bookmarks[bookmark.Id] = bookmark;
            }

            foreach (var stimulus in consumed)
            {
                _stimuliByKey[stimulus!.Key] = stimulus with { Status = StimulusStatus.Consumed, ConsumedByInstanceId = instance.Id, ConsumedAt = instance.UpdatedAt };
            }

            foreach (var stimulus in commit.AddedStimuli)
            {
                _stimuliByKey[stimulus.Key] = stimulus;
            }

            _journal.AddRange(commit.Journal);
            _outbox.AddRange(commit.Outbox);
            foreach (var record in commit.Outbox.Select(WorkflowRecord.From).OfType<WorkflowRecord>())
            {
                _records.Add(record with { Sequence = _records.Count + 1 });
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<JournalEntry>> GetJournalAsync(string instanceId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<JournalEntry>>(_journal.Where(j => j.InstanceId == instanceId).OrderBy(j => j.Sequence).ToList());
        }
    }

    public Task<IReadOnlyList<OutboxMessage>> ListOutboxAsync(int max, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<OutboxMessage>>(_outbox.Take(max).ToList());
        }
    }

    public Task<IReadOnlyList<WorkflowRecord>> ListRecordsAsync(RecordQuery query, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<WorkflowRecord>>(_records
                .Where(r => r.Sequence > query.AfterSequence && (query.TenantId is null || r.TenantId == query.TenantId) && (query.EventName is null || r.EventName == query.EventName)
                    && (query.CorrelationKeyPrefix is null || (r.CorrelationKey?.StartsWith(query.CorrelationKeyPrefix, StringComparison.Ordinal) ?? false)))
                .Take(query.Take).ToList());
        }
    }

    public Task MarkOutboxSentAsync(IReadOnlyList<string> ids, CancellationToken ct = default)
    {
        lock (_gate)
        {
            _outbox.RemoveAll(m => ids.Contains(m.Id));
        }

        return Task.CompletedTask;
    }
}
