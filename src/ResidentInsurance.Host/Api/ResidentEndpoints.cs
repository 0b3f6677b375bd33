using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Host.Access;
using ResidentInsurance.Policy.Identity;

namespace ResidentInsurance.Host.Api;

/// <summary>
/// GET /api/residents/{idNumber}/records: what the workflows recorded for one resident in the caller's region —
/// entitlements with their benefit period, subsidies paid back, enrollments ended — oldest first.
/// </summary>
internal static class ResidentEndpoints
{
    public static void MapResidentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/residents/{idNumber}/records", async (string idNumber, int? benefitYear, string? region, Caller caller, IInstanceStore store, CancellationToken ct) =>
        {
            if (!ResidentIdNumber.TryParse(idNumber, out _, out var error))
            {
                return Results.Problem(title: "身份证号码无效", detail: error, statusCode: 400, extensions: new Dictionary<string, object?> { ["field"] = "idNumber" });
            }

            if (caller.Role == Roles.System)
            {
                throw new AccessDeniedException("resident.read", IdNumberMaskingForAudit(idNumber), caller.Region, "接口账号不能查询参保人记录");
            }

            var prefix = idNumber.Trim().ToUpperInvariant() + "/" + (benefitYear is { } year ? year.ToString(System.Globalization.CultureInfo.InvariantCulture) : "");
            var records = await store.ListRecordsAsync(new RecordQuery(caller.ScopeRegion(region), CorrelationKeyPrefix: prefix, Take: 500), ct);
            return Results.Ok(records.Select(r => new
            {
                sequence = r.Sequence,
                region = r.TenantId,
                eventName = r.EventName,
                correlationKey = r.CorrelationKey,
                instanceId = r.InstanceId,
                recordedAt = r.RecordedAt,
                payload = r.Payload,
            }));
        }).WithTags("Residents");
    }

    private static string IdNumberMaskingForAudit(string idNumber) => Inbox.IdMask.Mask(idNumber) ?? "";
}
