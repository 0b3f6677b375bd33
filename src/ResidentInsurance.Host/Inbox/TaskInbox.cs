using System.Globalization;
using System.Text.Json;
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
    /// <summary>The caller's tasks: their department in their region (every task for a system administrator).</summary>
    public async Task<(List<JsonObject> Tasks, JsonObject Counts)> ListAsync(Caller caller, string? query, CancellationToken ct)
    {
        var bookmarks = await instances.ListBookmarksByNameAsync(DepartmentTaskNames.Bookmark, caller.ScopeRegion(null), ct);
        var visible = bookmarks.Where(b => caller.IsSystemAdmin || (b.Payload?["department"]?.GetValue<string>() == caller.Department && caller.Role is Roles.Staff or Roles.System))
            .Where(b => caller.ServesTown(TownOf(b)))
            .Where(b => Matches(b, query)).ToList();
        var claims = await access.FindClaimsAsync(visible.Select(b => b.CorrelationKey!), ct);
        var today = ChinaTime.Today(clock);
        var tasks = visible.Select(b => Summary(b, claims.GetValueOrDefault(b.CorrelationKey!), today)).OrderBy(t => t["deadline"]?.GetValue<string>() ?? "9999").ToList();
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
    public static void Authorize(Caller caller, Bookmark task, string action)
    {
        caller.RequireDepartment(task.TenantId, task.Payload?["department"]?.GetValue<string>(), action, task.CorrelationKey ?? task.InstanceId);
        caller.RequireTown(task.TenantId, TownOf(task), action, task.CorrelationKey ?? task.InstanceId);
    }

    public async Task<JsonObject> DetailAsync(Bookmark bookmark, CancellationToken ct)
    {
        var claims = await access.FindClaimsAsync([bookmark.CorrelationKey!], ct);
        var detail = Summary(bookmark, claims.GetValueOrDefault(bookmark.CorrelationKey!), ChinaTime.Today(clock));
        var task = bookmark.Payload!;
        detail["outcomes"] = task["outcomes"]?.DeepClone();
        detail["form"] = task["form"]?.DeepClone();
        detail["data"] = task["data"]?.DeepClone();
        detail["roster"] = task["roster"]?.DeepClone();
        detail["evidence"] = (task["data"]?["policy"]?["evidence"] ?? task["data"]?["approval"]?["evidence"])?.DeepClone();
        return detail;
    }

    private static JsonObject Summary(Bookmark b, TaskClaim? claim, DateOnly today)
    {
        var task = b.Payload!;
        var deadline = task["deadline"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        var overdue = deadline is not null && DateOnly.TryParseExact(deadline, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due) && due < today;
        var department = task["department"]?.GetValue<string>();
        return new JsonObject
        {
            ["taskId"] = b.CorrelationKey,
            ["instanceId"] = b.InstanceId,
            ["definitionId"] = task["definitionId"]?.DeepClone(),
            ["region"] = b.TenantId,
            ["department"] = department,
            ["departmentName"] = department is null ? null : Departments.Find(department)?.Name,
            ["title"] = task["title"]?.DeepClone(),
            ["deadline"] = deadline,
            ["overdue"] = overdue,
            ["createdAt"] = task["createdAt"]?.DeepClone(),
            ["claimedBy"] = claim?.ClaimedBy,
            ["rosterSize"] = task["roster"] is JsonArray roster ? roster.Count : 0,
            ["person"] = Person(task) is { } p ? new JsonObject { ["name"] = p.Name, ["idNumber"] = IdMask.Mask(p.IdNumber) } : null,
        };
    }

    private static string? TownOf(Bookmark b) => b.Payload?["data"]?["case"]?["town"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static (string? Name, string? IdNumber)? Person(JsonObject task)
    {
        var person = task["data"]?["case"]?["person"];
        return person is JsonObject p ? (p["name"]?.GetValue<string>(), p["idNumber"]?.GetValue<string>()) : null;
    }

    /// <summary>Search by ID number or name, in the case or in the roster's rows, and by title.</summary>
    private static bool Matches(Bookmark b, string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return true;
        }

        var q = query.Trim();
        var task = b.Payload!;
        if (task["title"]?.GetValue<string>().Contains(q, StringComparison.OrdinalIgnoreCase) == true)
        {
            return true;
        }

        var people = new List<JsonNode?> { task["data"]?["case"]?["person"] };
        people.AddRange(task["roster"] as JsonArray ?? []);
        return people.OfType<JsonObject>().Any(p =>
            string.Equals(p["idNumber"]?.ToString(), q, StringComparison.OrdinalIgnoreCase) || p["name"]?.ToString().Contains(q, StringComparison.Ordinal) == true);
    }
}

/// <summary>ID numbers shown in lists and logs keep the first 6 and last 4 characters: 520102********0016.</summary>
internal static class IdMask
{
    public static string? Mask(string? idNumber) =>
        idNumber is null || idNumber.Length < 11 ? idNumber : idNumber[..6] + new string('*', idNumber.Length - 10) + idNumber[^4..];
}
