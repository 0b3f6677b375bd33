using System.Globalization;
using ResidentInsurance.Campaign;
using ResidentInsurance.Engine.Clock;
using ResidentInsurance.Host.Access;
using ResidentInsurance.Host.Inbox;
using ResidentInsurance.Host.Rosters;
using ResidentInsurance.Persistence.Access;

namespace ResidentInsurance.Host.Api;

/// <summary>
/// The campaign on any date, computed from the records the enrollment workflows wrote: progress per town and
/// identity group against the task numbers (each town's completion date found, work funding), the weekly 通报,
/// the village summaries and the special groups' worklist — as JSON for the dashboard and as .xlsx in the
/// departments' columns. A town's staff (account with a town) see their own town only.
/// </summary>
internal static class CampaignEndpoints
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void MapCampaignEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/campaign/{region}/{benefitYear:int}", async (string region, int benefitYear, string? asOf, string? town, Caller caller, CampaignService campaigns, TimeProvider clock, CancellationToken ct) =>
        {
            caller.RequireRegion(region, "campaign.read", $"{region}/{benefitYear}");
            if (!TryDate(asOf, ChinaTime.Today(clock), out var date))
            {
                return BadDate("asOf", asOf);
            }

            var progress = await campaigns.ProgressAsync(region, benefitYear, date, ct, caller.ScopeTown(town));
            return progress is null ? NoCampaign(region, benefitYear, caller.ScopeTown(town)) : Results.Ok(progress);
        }).WithTags("Campaign");

        app.MapGet("/api/campaign/{region}/{benefitYear:int}/weekly", async (string region, int benefitYear, string? from, string? to, string? town, Caller caller, CampaignService campaigns, TimeProvider clock, CancellationToken ct) =>
        {
            caller.RequireRegion(region, "campaign.read", $"{region}/{benefitYear}/weekly");
            if (!TryDate(to, ChinaTime.Today(clock), out var end) || !TryDate(from, end.AddDays(-27), out var start) || start > end)
            {
                return Results.Problem(title: "日期无效", detail: "from / to must be dates (yyyy-MM-dd), from not after to", statusCode: 400, extensions: new Dictionary<string, object?> { ["field"] = "from" });
            }

            var reports = await campaigns.WeeklyAsync(region, benefitYear, start, end, ct, caller.ScopeTown(town));
            return reports is null ? NoCampaign(region, benefitYear, caller.ScopeTown(town)) : Results.Ok(reports);
        }).WithTags("Campaign");

        app.MapGet("/api/campaign/{region}/{benefitYear:int}/villages", async (string region, int benefitYear, string? asOf, string? town, Caller caller, CampaignService campaigns, TimeProvider clock, CancellationToken ct) =>
        {
            caller.RequireRegion(region, "campaign.read", $"{region}/{benefitYear}/villages");
            if (!TryDate(asOf, ChinaTime.Today(clock), out var date))
            {
                return BadDate("asOf", asOf);
            }

            var villages = await campaigns.VillagesAsync(region, benefitYear, date, ct, caller.ScopeTown(town));
            return villages is null ? NoCampaign(region, benefitYear, caller.ScopeTown(town)) : Results.Ok(villages);
        }).WithTags("Campaign");

        app.MapGet("/api/campaign/{region}/{benefitYear:int}/worklist", async (string region, int benefitYear, string? asOf, string? town, string? identity, Caller caller, CampaignService campaigns, TimeProvider clock, CancellationToken ct) =>
        {
            caller.RequireRegion(region, "campaign.read", $"{region}/{benefitYear}/worklist");
            if (!TryDate(asOf, ChinaTime.Today(clock), out var date))
            {
                return BadDate("asOf", asOf);
            }

            var worklist = await campaigns.WorklistAsync(region, benefitYear, date, Identities(identity), ct, caller.ScopeTown(town));
            return worklist is not { } w ? NoCampaign(region, benefitYear, caller.ScopeTown(town)) : Results.Ok(new
            {
                coverage = w.Coverage,
                notEnrolled = w.NotEnrolled.Select(p => new { idNumber = IdMask.Mask(p.IdNumber), p.Name, p.Identity, identityName = CampaignSheets.Category(p.Identity), p.Town, p.Village, p.RecognizedOn, p.Department }),
            });
        }).WithTags("Campaign");

        app.MapGet("/api/campaign/{region}/{benefitYear:int}/{sheet}.xlsx", async (string region, int benefitYear, string sheet, string? asOf, string? town, string? identity, Caller caller, CampaignService campaigns, IAccessStore audit, TimeProvider clock, CancellationToken ct) =>
        {
            caller.RequireRegion(region, "campaign.export", $"{region}/{benefitYear}/{sheet}");
            if (!TryDate(asOf, ChinaTime.Today(clock), out var date))
            {
                return BadDate("asOf", asOf);
            }

            var scope = caller.ScopeTown(town);
            (string Name, List<IDictionary<string, object?>> Rows)? workbook = sheet switch
            {
                "weekly" => await campaigns.WeeklyAsync(region, benefitYear, date, date, ct, scope) is { Count: > 0 } weeks ? ("周通报", CampaignSheets.Weekly(weeks[^1])) : null,
                "villages" => await campaigns.VillagesAsync(region, benefitYear, date, ct, scope) is { } villages ? ("村（社区）汇总", CampaignSheets.Villages(villages)) : null,
                "worklist" => await campaigns.WorklistAsync(region, benefitYear, date, Identities(identity), ct, scope) is { } w ? ("未参保特殊人群", CampaignSheets.Worklist(w.NotEnrolled)) : null,
                "settlement" => await campaigns.ProgressAsync(region, benefitYear, date, ct, scope) is { } progress ? ("工作经费结算", CampaignSheets.Settlement(progress)) : null,
                _ => null,
            };
            if (workbook is not { } book)
            {
                return sheet is "weekly" or "villages" or "worklist" or "settlement"
                    ? NoCampaign(region, benefitYear, scope)
                    : Results.Problem(title: "没有这种报表", detail: $"sheet '{sheet}' is not one of weekly, villages, worklist, settlement", statusCode: 404, extensions: new Dictionary<string, object?> { ["field"] = "sheet" });
            }

            if (sheet == "worklist")
            {
                // The worklist carries full ID numbers so a town can act on it: who took one is kept.
                await audit.AppendAuditAsync(new AuditEntry(0, clock.GetUtcNow(), caller.UserName, region, "campaign.worklist.export", $"{benefitYear}/{scope ?? "全部"}", "allowed", $"{book.Rows.Count} 行"), ct);
            }

            return Results.File(RosterWorkbook.Write(book.Name, book.Rows), Xlsx, $"{sheet}-{region}-{benefitYear}-{date:yyyyMMdd}.xlsx");
        }).WithTags("Campaign");
    }

    private static string[]? Identities(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static IResult BadDate(string field, string? text) =>
        Results.Problem(title: "日期无效", detail: $"{field} '{text}' is not a date (yyyy-MM-dd)", statusCode: 400, extensions: new Dictionary<string, object?> { ["field"] = field });

    private static IResult NoCampaign(string region, int benefitYear, string? town) => town is null
        ? Results.Problem(title: "没有征缴计划", detail: $"region '{region}' has no campaign for benefit year {benefitYear}", statusCode: 404)
        : Results.Problem(title: "没有征缴计划", detail: $"town '{town}' is not in the campaign of region '{region}' for benefit year {benefitYear}", statusCode: 404, extensions: new Dictionary<string, object?> { ["field"] = "town" });

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
