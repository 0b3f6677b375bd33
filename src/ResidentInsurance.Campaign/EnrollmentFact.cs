using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Clock;
using ResidentInsurance.Engine.Execution;

namespace ResidentInsurance.Campaign;

/// <summary>
/// One resident enrolled for a benefit year, from the workflows' records: the entitlement (payment or proxy
/// payment recorded) with its date, town, village and identities, and the date the enrollment ended if a
/// refund ended it.
/// </summary>
public sealed record EnrollmentFact(string Key, string? Town, string? Village, IReadOnlyList<string> Identities, DateOnly EnrolledOn, DateOnly? EndedOn)
{
    public bool IsEnrolledOn(DateOnly date) => EnrolledOn <= date && (EndedOn is null || EndedOn > date);

    /// <summary>
    /// Folds records into one fact per resident and year (the correlation key "ID number/year"): the first
    /// entitlement counts — a duplicate never counts twice — and an <c>enrollment.ended</c> ends it.
    /// </summary>
    public static IReadOnlyList<EnrollmentFact> From(IEnumerable<WorkflowRecord> records, int benefitYear)
    {
        var suffix = "/" + benefitYear.ToString(CultureInfo.InvariantCulture);
        var facts = new Dictionary<string, EnrollmentFact>(StringComparer.Ordinal);
        foreach (var r in records.OrderBy(r => r.Sequence))
        {
            if (r.CorrelationKey is not { } key || !key.EndsWith(suffix, StringComparison.Ordinal))
            {
                continue;
            }

            if (r.EventName == "entitlement.recorded" && !facts.ContainsKey(key))
            {
                var p = r.Payload;
                var identities = (p["identities"] as JsonArray ?? []).Select(i => i?.GetValue<string>()).OfType<string>().ToList();
                facts[key] = new EnrollmentFact(key, Text(p["town"]), Text(p["village"]), identities, Date(p["payment"]?["paidOn"]) ?? ChinaDate(r.RecordedAt), null);
            }
            else if (r.EventName == "enrollment.ended" && facts.TryGetValue(key, out var fact) && fact.EndedOn is null)
            {
                facts[key] = fact with { EndedOn = ChinaDate(r.RecordedAt) };
            }
        }

        return [.. facts.Values];
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static DateOnly? Date(JsonNode? node) =>
        Text(node) is { } s && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static DateOnly ChinaDate(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, ChinaTime.Zone).DateTime);
}
