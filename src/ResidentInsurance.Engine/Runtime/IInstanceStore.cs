using ResidentInsurance.Engine.Execution;

namespace ResidentInsurance.Engine.Runtime;

/// <summary>
/// Stores instances, bookmarks, stimuli, journal and outbox. Exactly-once lives here: <see cref="CommitAsync"/>
/// is one transaction that fails with <see cref="ConcurrencyConflictException"/> when the instance
/// revision, a consumed bookmark or a consumed stimulus is no longer as read, and with
/// <see cref="DuplicateStimulusException"/> when a stimulus key exists.
/// </summary>
public interface IInstanceStore
{
    Task<WorkflowInstance?> FindInstanceAsync(string id, CancellationToken ct = default);

    Task<IReadOnlyList<WorkflowInstance>> ListInstancesAsync(InstanceQuery query, CancellationToken ct = default);

    /// <summary>How many instances the query matches (its paging ignored).</summary>
    Task<int> CountInstancesAsync(InstanceQuery query, CancellationToken ct = default);

    Task<Bookmark?> FindBookmarkAsync(string id, CancellationToken ct = default);

    Task<IReadOnlyList<Bookmark>> FindBookmarksAsync(string name, string? correlationKey, string? tenantId, CancellationToken ct = default);

    Task<IReadOnlyList<Bookmark>> ListBookmarksAsync(string instanceId, CancellationToken ct = default);

    /// <summary>Open bookmarks of one kind (e.g. every department task) of a region, or of all regions when null.</summary>
    Task<IReadOnlyList<Bookmark>> ListBookmarksByNameAsync(string name, string? tenantId, CancellationToken ct = default);

    /// <summary>The same bookmarks, in the same order, without reading their payloads.</summary>
    Task<IReadOnlyList<BookmarkHead>> ListBookmarkHeadsByNameAsync(string name, string? tenantId, CancellationToken ct = default);

    Task<IReadOnlyList<Bookmark>> FindDueTimersAsync(DateTimeOffset now, int max, CancellationToken ct = default);

    Task<Stimulus?> FindStimulusAsync(string key, CancellationToken ct = default);

    Task<Stimulus?> FindPendingStimulusAsync(string name, string? correlationKey, string tenantId, CancellationToken ct = default);

    Task<IReadOnlyList<Stimulus>> ListPendingStimuliAsync(string? tenantId, CancellationToken ct = default);

    /// <summary>Records an arrival before it is matched; throws <see cref="DuplicateStimulusException"/> on a known key.</summary>
    Task AddStimulusAsync(Stimulus stimulus, CancellationToken ct = default);

    Task CommitAsync(InstanceCommit commit, CancellationToken ct = default);

    Task<IReadOnlyList<JournalEntry>> GetJournalAsync(string instanceId, CancellationToken ct = default);

    Task<IReadOnlyList<OutboxMessage>> ListOutboxAsync(int max, CancellationToken ct = default);

    /// <summary>Published workflow events, kept for good (see <see cref="WorkflowRecord"/>), in the order recorded.</summary>
    Task<IReadOnlyList<WorkflowRecord>> ListRecordsAsync(RecordQuery query, CancellationToken ct = default);

    Task MarkOutboxSentAsync(IReadOnlyList<string> ids, CancellationToken ct = default);
}

/// <summary>Filters for listing instances.</summary>
public sealed record InstanceQuery(
    string? TenantId = null,
    string? DefinitionId = null,
    WorkflowStatus? Status = null,
    string? CorrelationId = null,
    int Skip = 0,
    int Take = 100)
{
    /// <summary>Any of these definitions (with <see cref="DefinitionId"/>, both must hold).</summary>
    public IReadOnlyList<string>? DefinitionIds { get; init; }

    /// <summary>Any of these statuses.</summary>
    public IReadOnlyList<WorkflowStatus>? Statuses { get; init; }

    /// <summary>Newest first (instance ids are time-ordered) instead of oldest first.</summary>
    public bool NewestFirst { get; init; }
}
