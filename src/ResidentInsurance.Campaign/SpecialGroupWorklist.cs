using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Execution;

namespace ResidentInsurance.Campaign;

/// <summary>
/// The special groups' lists (特困, 低保, 建档立卡 … as the departments reported them through the identity change
/// workflow, <c>identity.flags-updated</c>) against the enrollments: who on a list is not yet enrolled — the
/// worklist a town acts on — and each group's coverage (001 一: 建档立卡 100%; 003 六(一): 低收入、脱贫、资助对象 100%).
/// </summary>
public static class SpecialGroupWorklist
{
    /// <summary>
    /// The people on the lists for the benefit year, folded in record order: a row added and flagged puts a person
    /// on a group's list, a row removed takes them off; rows the agency rejected and invalid rows count for nothing.
    /// </summary>
    public static IReadOnlyList<ListedPerson> Lists(IEnumerable<WorkflowRecord> records, int benefitYear)
    {
        var listed = new Dictionary<(string Id, string Identity), ListedPerson>();
        foreach (var r in records.Where(r => r.EventName == "identity.flags-updated").OrderBy(r => r.Sequence))
        {
            var p = r.Payload;
            var rejected = (p["flagged"]?["rows"] as JsonArray ?? []).OfType<JsonObject>()
                .Where(d => Text(d["decision"]) == "reject").Select(d => Int(d["index"])).ToHashSet();
            foreach (var row in (p["rows"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var year = Int(row["effectiveYear"]) ?? Int(p["benefitYear"]);
                if (row["valid"] is JsonValue v && v.GetValueKind() == JsonValueKind.False || rejected.Contains(Int(row["index"])) || year != benefitYear
                    || Text(row["idNumber"]) is not { } id || Text(row["identity"]) is not { } identity)
                {
                    continue;
                }

                if (Text(row["change"]) == "remove")
                {
                    listed.Remove((id, identity));
                }
                else
                {
                    listed[(id, identity)] = new ListedPerson(id, Text(row["name"]), identity, Text(row["town"]), Text(row["village"]), Date(row["recognizedOn"]), Text(p["department"]));
                }
            }
        }

        return [.. listed.Values];
    }

    /// <summary>Per group: listed, enrolled on the date, and the rate.</summary>
    public static IReadOnlyList<GroupCoverage> Coverage(IReadOnlyList<ListedPerson> lists, IReadOnlyList<EnrollmentFact> facts, int benefitYear, DateOnly asOf)
    {
        var table = FactTable.Of(facts);
        return lists.GroupBy(l => l.Identity, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var people = g.Select(l => l.IdNumber).Distinct(StringComparer.Ordinal).ToList();
            var done = people.Count(id => table.IsEnrolledOn(Key(id, benefitYear), asOf));
            return new GroupCoverage(g.Key, people.Count, done, people.Count == 0 ? 0 : (int)Math.Round(done * 10000.0 / people.Count, MidpointRounding.AwayFromZero));
        }).ToList();
    }

    /// <summary>The listed people not enrolled on the date, by town, village and name; optionally one town, some groups.</summary>
    public static IReadOnlyList<ListedPerson> NotEnrolled(IReadOnlyList<ListedPerson> lists, IReadOnlyList<EnrollmentFact> facts, int benefitYear, DateOnly asOf,
        string? town = null, IReadOnlyCollection<string>? identities = null)
    {
        var table = FactTable.Of(facts);
        return lists.Where(l => !table.IsEnrolledOn(Key(l.IdNumber, benefitYear), asOf))
            .Where(l => town is null || l.Town == town)
            .Where(l => identities is null || identities.Count == 0 || identities.Contains(l.Identity))
            .OrderBy(l => l.Town ?? "\uffff", StringComparer.Ordinal).ThenBy(l => l.Village ?? "\uffff", StringComparer.Ordinal)
            .ThenBy(l => l.Name, StringComparer.Ordinal).ThenBy(l => l.IdNumber, StringComparer.Ordinal).ToList();
    }

    private static string Key(string idNumber, int year) => idNumber + "/" + year.ToString(CultureInfo.InvariantCulture);

    private static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static int? Int(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) ? n : null;

    private static DateOnly? Date(JsonNode? node) =>
        Text(node) is { } s && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}

/// <summary>A person on a department's list for a group.</summary>
public sealed record ListedPerson(string IdNumber, string? Name, string Identity, string? Town, string? Village, DateOnly? RecognizedOn, string? Department);

/// <summary>A group's coverage: listed, enrolled, rate in basis points.</summary>
public sealed record GroupCoverage(string Identity, int Listed, int Enrolled, int RateBp);
