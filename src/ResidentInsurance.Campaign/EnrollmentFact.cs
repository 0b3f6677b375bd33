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
        var ledger = new EnrollmentLedger(benefitYear);
        foreach (var r in records.OrderBy(r => r.Sequence))
        {
            ledger.Apply(r);
        }

        return ledger.Facts();
    }

    internal static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    internal static DateOnly? Date(JsonNode? node) =>
        Text(node) is { } s && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    internal static DateOnly ChinaDate(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, ChinaTime.Zone).DateTime);
}

/// <summary>
/// The enrollment facts of one benefit year, folded one record at a time in sequence order — so a long season is
/// read once and then only what was recorded since (the campaign service keeps one per region and year).
/// </summary>
public sealed class EnrollmentLedger(int benefitYear)
{
    private readonly string _suffix = "/" + benefitYear.ToString(CultureInfo.InvariantCulture);
    private readonly Dictionary<string, EnrollmentFact> _facts = new(StringComparer.Ordinal);
    private IReadOnlyList<EnrollmentFact>? _snapshot;

    public int BenefitYear => benefitYear;

    public void Apply(WorkflowRecord r)
    {
        if (r.CorrelationKey is not { } key || !key.EndsWith(_suffix, StringComparison.Ordinal))
        {
            return;
        }

        if (r.EventName == "entitlement.recorded" && !_facts.ContainsKey(key))
        {
            var p = r.Payload;
            var identities = (p["identities"] as JsonArray ?? []).Select(i => EnrollmentFact.Text(i)).OfType<string>().ToList();
            _facts[key] = new EnrollmentFact(key, EnrollmentFact.Text(p["town"]), EnrollmentFact.Text(p["village"]), identities,
                EnrollmentFact.Date(p["payment"]?["paidOn"]) ?? EnrollmentFact.ChinaDate(r.RecordedAt), null);
            _snapshot = null;
        }
        else if (r.EventName == "enrollment.ended" && _facts.TryGetValue(key, out var fact) && fact.EndedOn is null)
        {
            _facts[key] = fact with { EndedOn = EnrollmentFact.ChinaDate(r.RecordedAt) };
            _snapshot = null;
        }
    }

    /// <summary>The facts as they stand (the same list until a record changes them).</summary>
    public IReadOnlyList<EnrollmentFact> Facts() => _snapshot ??= [.. _facts.Values];
}
