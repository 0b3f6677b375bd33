using System.Globalization;
using ResidentInsurance.Campaign;
using ResidentInsurance.Engine.Clock;
using ResidentInsurance.Host.Access;

namespace ResidentInsurance.Host.Api;

/// <summary>
/// GET /api/campaign/{region}/{benefitYear}?asOf=yyyy-MM-dd: the campaign's standing on any date — enrolled per
/// town and identity group against the task numbers, the date each town completed, work funding — computed
/// from the records the enrollment workflows wrote.
/// </summary>
internal static class CampaignEndpoints
{
    public static void MapCampaignEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/campaign/{region}/{benefitYear:int}", async (string region, int benefitYear, string? asOf, Caller caller, CampaignService campaigns, TimeProvider clock, CancellationToken ct) =>
        {
            caller.RequireRegion(region, "campaign.read", $"{region}/{benefitYear}");
            DateOnly date;
            if (asOf is null)
            {
                date = ChinaTime.Today(clock);
            }
            else if (!DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            {
                return Results.Problem(title: "日期无效", detail: $"asOf '{asOf}' is not a date (yyyy-MM-dd)", statusCode: 400, extensions: new Dictionary<string, object?> { ["field"] = "asOf" });
            }

            var progress = await campaigns.ProgressAsync(region, benefitYear, date, ct);
            return progress is null
                ? Results.Problem(title: "没有征缴计划", detail: $"region '{region}' has no campaign for benefit year {benefitYear}", statusCode: 404)
                : Results.Ok(progress);
        }).WithTags("Campaign");

        app.MapGet("/api/campaign/{region}/{benefitYear:int}/weekly", async (string region, int benefitYear, string? from, string? to, Caller caller, CampaignService campaigns, TimeProvider clock, CancellationToken ct) =>
        {
            caller.RequireRegion(region, "campaign.read", $"{region}/{benefitYear}/weekly");
            if (!TryDate(to, ChinaTime.Today(clock), out var end) || !TryDate(from, end.AddDays(-27), out var start) || start > end)
            {
                return Results.Problem(title: "日期无效", detail: "from / to must be dates (yyyy-MM-dd), from not after to", statusCode: 400, extensions: new Dictionary<string, object?> { ["field"] = "from" });
            }

            var reports = await campaigns.WeeklyAsync(region, benefitYear, start, end, ct);
            return reports is null
                ? Results.Problem(title: "没有征缴计划", detail: $"region '{region}' has no campaign for benefit year {benefitYear}", statusCode: 404)
                : Results.Ok(reports);
        }).WithTags("Campaign");
    }

    private static bool TryDate(string? text, DateOnly fallback, out DateOnly date)
    {
        if (text is null)
        {
            date = fallback;
            return true;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
