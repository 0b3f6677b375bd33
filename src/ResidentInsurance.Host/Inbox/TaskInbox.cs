using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Activities;
using ResidentInsurance.Engine.Clock;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Host.Access;
using ResidentInsurance.Persistence.Access;

namespace ResidentInsurance.Host.Inbox;

/// <summary>
/// A department's inbox: the open department tasks of the workflows (their bookmarks are the tasks, so the
/// inbox never drifts from what the workflows wait for), with claims and deadlines.
/// </summary>
internal sealed class TaskInbox(IInstanceStore instances, IAccessStore access, TimeProvider clock)
{
    /// <summary>Cards kept at most; past that the cache starts again (a list then reads its payloads once more).</summary>
    private const int MaxCards = 50_000;

    /// <summary>Cache misses above which one list read with payloads is cheaper than a read per task.</summary>
    private const int MissesReadOneByOne = 16;

    private readonly ConcurrentDictionary<string, TaskCard> _cards = new(StringComparer.Ordinal);

    /// <summary>The caller's tasks: their department in their region (every task for a system administrator).</summary>
    public async Task<(List<JsonObject> Tasks, JsonObject Counts)> ListAsync(Caller caller, string? query, CancellationToken ct)
    {
        var region = caller.ScopeRegion(null);
        var cards = await CardsAsync(await instances.ListBookmarkHeadsByNameAsync(DepartmentTaskNames.Bookmark, region, ct), region, ct);
        var visible = cards.Where(c => caller.IsSystemAdmin || (c.Department == caller.Department && caller.Role is Roles.Staff or Roles.System))
            .Where(c => caller.ServesTown(c.Town))
            .Where(c => c.Matches(query)).ToList();
        var claims = await access.FindClaimsAsync(visible.Select(c => c.TaskId), ct);
        var today = ChinaTime.Today(clock);
        var tasks = visible.Select(c => Summary(c, claims.GetValueOrDefault(c.TaskId), today)).OrderBy(t => t["deadline"]?.GetValue<string>() ?? "9999").ToList();
        var counts = new JsonObject
        {
            ["total"] = tasks.Count,
            ["overdue"] = tasks.Count(t => t["overdue"]!.GetValue<bool>()),
            ["claimedByMe"] = tasks.Count(t => t["claimedBy"]?.GetValue<string>() == caller.UserName),
            ["unclaimed"] = tasks.Count(t => t["claimedBy"] is null),
        };
        return (tasks, counts);
    }

    /// <summary>The task's bookmark, or null when no workflow waits on it (done, cancelled, unknown).</summary>
    public async Task<Bookmark?> FindAsync(string taskId, CancellationToken ct) =>
        (await instances.FindBookmarksAsync(DepartmentTaskNames.Bookmark, taskId, null, ct)).FirstOrDefault();

    /// <summary>The caller may act on this task: its region and department, and for a town's staff its town (403 + audit otherwise).</summary>
    public void Authorize(Caller caller, Bookmark task, string action)
    {
        var card = Card(task);
        caller.RequireDepartment(task.TenantId, card.Department, action, task.CorrelationKey ?? task.InstanceId);
        caller.RequireTown(task.TenantId, card.Town, action, task.CorrelationKey ?? task.InstanceId);
    }

    public async Task<JsonObject> DetailAsync(Bookmark bookmark, CancellationToken ct)
    {
        var claims = await access.FindClaimsAsync([bookmark.CorrelationKey!], ct);
        var detail = Summary(Card(bookmark), claims.GetValueOrDefault(bookmark.CorrelationKey!), ChinaTime.Today(clock));
        var task = bookmark.Payload!;
        detail["outcomes"] = task["outcomes"]?.DeepClone();
        detail["form"] = task["form"]?.DeepClone();
        detail["data"] = task["data"]?.DeepClone();
        detail["roster"] = task["roster"]?.DeepClone();
        detail["evidence"] = (task["data"]?["policy"]?["evidence"] ?? task["data"]?["approval"]?["evidence"])?.DeepClone();
        return detail;
    }

    /// <summary>The cards of the open tasks, in the store's order: read from a payload only the first time a task is listed.</summary>
    private async Task<List<TaskCard>> CardsAsync(IReadOnlyList<BookmarkHead> heads, string? region, CancellationToken ct)
    {
        // This request's cards are its own: a concurrent request that starts the cache again takes none of them away.
        var cards = new Dictionary<string, TaskCard>(heads.Count, StringComparer.Ordinal);
        var missing = new List<BookmarkHead>();
        foreach (var head in heads)
        {
            if (_cards.TryGetValue(head.Id, out var card))
            {
                cards[head.Id] = card;
            }
            else
            {
                missing.Add(head);
            }
        }

        if (_cards.Count + missing.Count > MaxCards)
        {
            _cards.Clear();
        }

        var read = missing.Count > MissesReadOneByOne
            ? await instances.ListBookmarksByNameAsync(DepartmentTaskNames.Bookmark, region, ct)
            : (await Task.WhenAll(missing.Select(h => instances.FindBookmarkAsync(h.Id, ct)))).OfType<Bookmark>();
        foreach (var bookmark in read)
        {
            cards.TryAdd(bookmark.Id, Card(bookmark));
        }

        // A task done between the two reads has no card: it is no longer open, so it is not listed.
        return [.. heads.Select(h => cards.GetValueOrDefault(h.Id)).OfType<TaskCard>()];
    }

    /// <summary>The task's card, read from its payload the first time (a claim, a detail and a list share it).</summary>
    private TaskCard Card(Bookmark bookmark) => _cards.GetOrAdd(bookmark.Id, static (_, b) => TaskCard.Of(b), bookmark);

    private static JsonObject Summary(TaskCard c, TaskClaim? claim, DateOnly today) => new()
    {
        ["taskId"] = c.TaskId,
        ["instanceId"] = c.InstanceId,
        ["definitionId"] = c.DefinitionId,
        ["region"] = c.Region,
        ["department"] = c.Department,
        ["departmentName"] = c.Department is null ? null : Departments.Find(c.Department)?.Name,
        ["title"] = c.Title,
        ["deadline"] = c.Deadline,
        ["overdue"] = c.IsOverdue(today),
        ["createdAt"] = c.CreatedAt,
        ["claimedBy"] = claim?.ClaimedBy,
        ["rosterSize"] = c.RosterSize,
        ["person"] = c.HasPerson ? new JsonObject { ["name"] = c.PersonName, ["idNumber"] = IdMask.Mask(c.PersonIdNumber) } : null,
    };
}

/// <summary>ID numbers shown in lists and logs keep the first 6 and last 4 characters: 520102********0016.</summary>
internal static class IdMask
{
    public static string? Mask(string? idNumber) =>
        idNumber is null || idNumber.Length < 11 ? idNumber : idNumber[..6] + new string('*', idNumber.Length - 10) + idNumber[^4..];
}
