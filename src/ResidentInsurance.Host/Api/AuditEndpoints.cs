using ResidentInsurance.Host.Access;
using ResidentInsurance.Persistence.Access;

namespace ResidentInsurance.Host.Api;

/// <summary>GET /api/audit: the latest audit entries — all for a system administrator, the own region's for a policy administrator.</summary>
internal static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", async (int? take, Caller caller, IAccessStore access, CancellationToken ct) =>
        {
            if (!caller.IsSystemAdmin)
            {
                caller.RequirePolicyAdmin(caller.Region, "audit.read", "audit");
            }

            var entries = await access.ListAuditAsync(Math.Clamp(take ?? 100, 1, 1000), ct);
            return Results.Ok(caller.IsSystemAdmin ? entries : entries.Where(e => e.Region == caller.Region).ToList());
        }).WithTags("Audit");
    }
}
