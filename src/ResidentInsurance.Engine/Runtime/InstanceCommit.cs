using ResidentInsurance.Engine.Execution;

namespace ResidentInsurance.Engine.Runtime;

/// <summary>
/// Everything one step of an instance changes, committed in one transaction: the instance (checked
/// against <see cref="ExpectedRevision"/>), the bookmarks it consumed and made, the stimuli it consumed
/// or recorded, its journal and its outgoing messages.
/// </summary>
public sealed record InstanceCommit(
    WorkflowInstance Instance,
    long ExpectedRevision,
    bool IsNew,
    IReadOnlyList<string> RemovedBookmarkIds,
    IReadOnlyList<Bookmark> AddedBookmarks,
    IReadOnlyList<Stimulus> AddedStimuli,
    IReadOnlyList<string> ConsumedStimulusIds,
    IReadOnlyList<JournalEntry> Journal,
    IReadOnlyList<OutboxMessage> Outbox);
