using System.Globalization;
using System.Text.Json.Nodes;

namespace ResidentInsurance.Campaign;

/// <summary>A region's campaign for one benefit year, read from <c>years/&lt;year&gt;/campaign</c> of its parameters.</summary>
public sealed record CampaignPlan(
    string Region,
    int BenefitYear,
    int TotalTaskNumber,
    IReadOnlyList<TownTarget> Towns,
    IReadOnlyList<CoverageTarget> Targets,
    string? CompletedMeans,
    WorkFunding? Funding,
    string LaggingRule = CampaignPlan.BelowCountyRate,
    DateOnly? CollectionEnds = null)
{
    /// <summary>A town lags when its rate is below the county's on the report date (the default reading).</summary>
    public const string BelowCountyRate = "below_county_rate";

    /// <summary>A town lags when it ranks in the last third.</summary>
    public const string BottomThird = "bottom_third";

    /// <summary>The town of this name, as a plan of its own (a town's staff see their town only); null when unknown.</summary>
    public CampaignPlan? ForTown(string town) => Towns.FirstOrDefault(t => t.Name == town) is { } t
        ? this with { Towns = [t], TotalTaskNumber = t.TaskNumber, Funding = Funding is null ? null : Funding with { BureauFenPerPerson = 0 } }
        : null;

    /// <summary>The plan, or null when the region's parameters have no campaign for the year.</summary>
    public static CampaignPlan? From(string region, int benefitYear, JsonObject parameters)
    {
        if (parameters["years"]?[benefitYear.ToString(CultureInfo.InvariantCulture)]?["campaign"] is not JsonObject c)
        {
            return null;
        }

        var towns = (c["towns"] as JsonArray ?? []).OfType<JsonObject>().Select(t => new TownTarget(
            t["name"]!.GetValue<string>(),
            t["taskNumber"]!.GetValue<int>(),
            (t["specialGroups"] as JsonObject ?? []).ToDictionary(g => g.Key, g => g.Value!.GetValue<int>()))).ToList();
        var targets = (c["coverageTargets"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(t => new CoverageTarget(t["scope"]!.GetValue<string>(), t["rateBp"]!.GetValue<int>())).ToList();
        WorkFunding? funding = null;
        if (c["workFunding"] is JsonObject f)
        {
            funding = new WorkFunding(
                (f["townSchedule"] as JsonArray ?? []).OfType<JsonObject>()
                    .Select(s => new FundingStep(DateOnly.ParseExact(s["completedBy"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture), s["fenPerPerson"]!.GetValue<int>()))
                    .OrderBy(s => s.CompletedBy).ToList(),
                f["laterFenPerPerson"]?.GetValue<int>() ?? 0,
                f["bureauFenPerPerson"]?.GetValue<int>() ?? 0);
        }

        var completedMeans = Value(c["completedMeans"]);
        var lagging = Value(c["laggingRule"]) ?? BelowCountyRate;
        if (lagging is not (BelowCountyRate or BottomThird))
        {
            throw new FormatException($"{region}/{benefitYear}/campaign/laggingRule '{lagging}' is not one of {BelowCountyRate}, {BottomThird}");
        }

        // The collection period's end (days left on the dashboard): the window with id "collection".
        var collection = (parameters["years"]![benefitYear.ToString(CultureInfo.InvariantCulture)]!["windows"] as JsonArray ?? [])
            .OfType<JsonObject>().FirstOrDefault(w => w["id"]?.GetValue<string>() == "collection")?["to"]?.GetValue<string>();
        return new CampaignPlan(region, benefitYear, c["totalTaskNumber"]?.GetValue<int>() ?? towns.Sum(t => t.TaskNumber), towns, targets, completedMeans, funding,
            lagging, collection is null ? null : DateOnly.ParseExact(collection, "yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    /// <summary>A parameter's value: the plain value, or <c>value</c> of a <c>{value, source, …}</c> entry.</summary>
    private static string? Value(JsonNode? node) => node is JsonObject o ? o["value"]?.GetValue<string>() : node?.GetValue<string>();
}

/// <summary>A town (镇/街道) and its task number; special-group task numbers where the notice gives them.</summary>
public sealed record TownTarget(string Name, int TaskNumber, IReadOnlyDictionary<string, int> SpecialGroups);

/// <summary>A coverage target in basis points (9500 = 95%) for a scope: town, county, poor_village, identity:&lt;code&gt; …</summary>
public sealed record CoverageTarget(string Scope, int RateBp);

/// <summary>Work funding per enrolled person by the date a town completed its task (Pubei 001 八(四)).</summary>
public sealed record WorkFunding(IReadOnlyList<FundingStep> TownSchedule, int LaterFenPerPerson, int BureauFenPerPerson)
{
    /// <summary>Fen per person for a town that completed on <paramref name="completedOn"/> (null: not completed).</summary>
    public int FenPerPerson(DateOnly? completedOn) =>
        completedOn is { } on ? TownSchedule.FirstOrDefault(s => on <= s.CompletedBy)?.FenPerPerson ?? LaterFenPerPerson : 0;
}

/// <summary>Completed by this date: this many fen per enrolled person.</summary>
public sealed record FundingStep(DateOnly CompletedBy, int FenPerPerson);
