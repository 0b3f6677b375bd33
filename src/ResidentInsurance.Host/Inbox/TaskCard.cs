using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Activities;
using ResidentInsurance.Engine.Execution;

namespace ResidentInsurance.Host.Inbox;

/// <summary>
/// What an inbox line shows of a department task and what its search looks at, read once from the task's bookmark:
/// a bookmark never changes once written, so the card is kept by bookmark id and the list reads no payload again.
/// Immutable, shared by concurrent requests.
/// </summary>
internal sealed record TaskCard(
    string TaskId,
    string InstanceId,
    string Region,
    string? DefinitionId,
    string? Department,
    string? Town,
    string? Title,
    string? Deadline,
    string? CreatedAt,
    bool HasPerson,
    string? PersonName,
    string? PersonIdNumber,
    int RosterSize,
    IReadOnlyList<(string? IdNumber, string? Name)> People)
{
    public static TaskCard Of(Bookmark b)
    {
        var task = b.Payload ?? [];
        var person = task["data"]?["case"]?["person"] as JsonObject;
        var roster = task["roster"] as JsonArray;
        var people = new List<JsonNode?> { person };
        people.AddRange(roster ?? []);
        return new TaskCard(
            b.CorrelationKey ?? b.Id,
            b.InstanceId,
            b.TenantId,
            Text(task["definitionId"]),
            Text(task["department"]),
            Text(task["data"]?["case"]?["town"]),
            Text(task["title"]),
            Text(task["deadline"]),
            Text(task["createdAt"]),
            person is not null,
            Text(person?["name"]),
            Text(person?["idNumber"]),
            roster?.Count ?? 0,
            [.. people.OfType<JsonObject>().Select(p => (p["idNumber"]?.ToString(), p["name"]?.ToString()))]);
    }

    public bool IsOverdue(DateOnly today) =>
        Deadline is not null && DateOnly.TryParseExact(Deadline, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due) && due < today;

    /// <summary>Search by ID number or name, in the case or in the roster's rows, and by title.</summary>
    public bool Matches(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return true;
        }

        var q = query.Trim();
        return Title?.Contains(q, StringComparison.OrdinalIgnoreCase) == true
            || People.Any(p => string.Equals(p.IdNumber, q, StringComparison.OrdinalIgnoreCase) || p.Name?.Contains(q, StringComparison.Ordinal) == true);
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
