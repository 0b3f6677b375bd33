using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Runtime;

namespace ResidentInsurance.Simulation;

/// <summary>
/// "What would this draft do to our people?": every case of a roster run through the published version and through a
/// candidate (a draft) side by side, as <c>simulate</c> runs them (dry runs, nothing written). Totals of the amount due
/// and of the subsidy by fund and by identity for each, and the people whose result changes, field by field.
/// A case that cannot be simulated is reported with its row; the others still count.
/// </summary>
public sealed class PopulationWhatIf(PolicySimulator simulator)
{
    public const int MaxPeople = 20_000;

    private static readonly string[] Compared = ["accepted", "reason", "amountDue", "subsidy", "benefitStart", "benefitEnd", "refundAmount", "missingParameters"];

    /// <param name="cases">Normalised contract cases (<see cref="CaseReader"/>), all for the candidate's region and action.</param>
    /// <param name="mask">How an ID number is shown in the list of changed people.</param>
    public async Task<JsonObject> CompareAsync(IReadOnlyList<JsonObject> cases, DefinitionVersion candidate, Func<string, string> mask, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var published = new Totals();
        var drafted = new Totals();
        var changed = new JsonArray();
        var errors = new JsonArray();
        int? publishedVersion = null;
        for (var i = 0; i < cases.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var row = i + 1;
            JsonObject before, after;
            try
            {
                before = await simulator.SimulateAsync(cases[i], ct);
                after = await simulator.SimulateCandidateAsync(cases[i], candidate, ct);
            }
            catch (Exception ex) when (ex is SimulationFailedException or NoPublishedDefinitionException)
            {
                errors.Add(new JsonObject { ["row"] = row, ["message"] = ex.Message });
                continue;
            }

            publishedVersion ??= before["workflow"]?["version"]?.GetValue<int>();
            published.Add(before);
            drafted.Add(after);
            var fields = Compared.Where(f => !JsonNode.DeepEquals(before[f], after[f])).ToList();
            if (fields.Count > 0)
            {
                var person = cases[i]["person"]!;
                changed.Add(new JsonObject
                {
                    ["row"] = row,
                    ["name"] = person["name"]?.DeepClone(),
                    ["idNumber"] = mask(person["idNumber"]!.GetValue<string>()),
                    ["fields"] = new JsonArray([.. fields.Select(f => (JsonNode)f)]),
                    ["published"] = Pick(before, fields),
                    ["candidate"] = Pick(after, fields),
                });
            }

            progress?.Report(row);
        }

        return new JsonObject
        {
            ["definitionId"] = candidate.DefinitionId,
            ["people"] = cases.Count,
            ["published"] = published.ToJson(publishedVersion),
            ["candidate"] = drafted.ToJson(candidate.Version),
            ["changedCount"] = changed.Count,
            ["changed"] = changed,
            ["errors"] = errors,
        };
    }

    private static JsonObject Pick(JsonObject result, IEnumerable<string> fields) => new(fields.Select(f => KeyValuePair.Create(f, result[f]?.DeepClone())));

    /// <summary>Sums in fen (the contract's yuan amounts have two decimals), shown in yuan.</summary>
    private sealed class Totals
    {
        private int _accepted;
        private int _refused;
        private long _amountDue;
        private long _subsidy;
        private readonly SortedDictionary<string, (int People, long Subsidy)> _byFund = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, (int People, long AmountDue, long Subsidy)> _byIdentity = new(StringComparer.Ordinal);

        public void Add(JsonObject result)
        {
            if (result["accepted"]?.GetValue<bool>() != true)
            {
                _refused++;
                return;
            }

            _accepted++;
            var due = Fen(result["amountDue"]);
            _amountDue += due;
            var identity = "none";
            if (result["subsidy"] is JsonObject subsidy)
            {
                var amount = Fen(subsidy["amount"]);
                _subsidy += amount;
                identity = subsidy["identity"]?.GetValue<string>() ?? "none";
                var fund = subsidy["fund"]?.GetValue<string>() ?? "unspecified";
                var f = _byFund.GetValueOrDefault(fund);
                _byFund[fund] = (f.People + 1, f.Subsidy + amount);
            }

            var byIdentity = _byIdentity.GetValueOrDefault(identity);
            _byIdentity[identity] = (byIdentity.People + 1, byIdentity.AmountDue + due, byIdentity.Subsidy + (result["subsidy"] is JsonObject s ? Fen(s["amount"]) : 0));
        }

        public JsonObject ToJson(int? version) => new()
        {
            ["version"] = version,
            ["accepted"] = _accepted,
            ["refused"] = _refused,
            ["amountDue"] = Yuan(_amountDue),
            ["subsidy"] = Yuan(_subsidy),
            ["byFund"] = new JsonObject(_byFund.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)new JsonObject { ["people"] = f.Value.People, ["subsidy"] = Yuan(f.Value.Subsidy) }))),
            ["byIdentity"] = new JsonObject(_byIdentity.Select(i => KeyValuePair.Create(i.Key, (JsonNode?)new JsonObject
            {
                ["people"] = i.Value.People, ["amountDue"] = Yuan(i.Value.AmountDue), ["subsidy"] = Yuan(i.Value.Subsidy),
            }))),
        };

        private static long Fen(JsonNode? yuan) => yuan is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? (long)(v.GetValue<decimal>() * 100m) : 0;

        private static JsonNode Yuan(long fen) => JsonNode.Parse((fen / 100m).ToString("0.00", CultureInfo.InvariantCulture))!;
    }
}
