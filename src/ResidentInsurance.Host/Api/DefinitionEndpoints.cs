using System.Text.Json;
using ResidentInsurance.Engine.Definitions;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Engine.Serialization;
using ResidentInsurance.Host.Access;
using ResidentInsurance.Persistence.Access;

using ResidentInsurance.Host.Regions;

namespace ResidentInsurance.Host.Api;

/// <summary>Definitions and their versions: list, read, save draft, publish, retract, export.</summary>
internal static class DefinitionEndpoints
{
    public static void MapDefinitionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/definitions").WithTags("Definitions");

        group.MapGet("/", async (string? region, Caller caller, DefinitionService definitions, CancellationToken ct) =>
            (await definitions.ListLatestAsync(caller.ScopeRegion(region), ct)).Select(Summary));

        group.MapGet("/{definitionId}/versions", async (string definitionId, DefinitionService definitions, CancellationToken ct) =>
            (await definitions.ListVersionsAsync(definitionId, ct)).Select(Summary));

        group.MapGet("/{definitionId}", async (string definitionId, string? version, DefinitionService definitions, CancellationToken ct) =>
        {
            var found = int.TryParse(version, out var number)
                ? await definitions.GetVersionAsync(definitionId, number, ct)
                : await definitions.GetAsync(definitionId, ParseOptions(version), ct);
            return found is null
                ? Results.Problem(title: "工作流不存在", detail: $"workflow '{definitionId}' has no version '{version ?? "published"}'", statusCode: 404)
                : Results.Text(found.Json, "application/json; charset=utf-8");
        });

        group.MapPost("/", async (HttpRequest request, bool? publish, Caller caller, DefinitionService definitions, IAccessStore audit, VersionDiff diff, TimeProvider clock, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body);
            var model = WorkflowJson.ParseDefinition(await reader.ReadToEndAsync(ct), "request body");
            caller.RequirePolicyAdmin(model.TenantId, "definition.save", model.DefinitionId);
            var provenance = new Provenance(Provenance.Api, caller.UserName, clock.GetUtcNow());
            var previous = await definitions.GetAsync(model.DefinitionId, publish == true ? VersionOptions.Published : VersionOptions.Latest, ct);
            var saved = publish == true
                ? await definitions.SaveAndPublishAsync(model, provenance, ct)
                : await definitions.SaveDraftAsync(model, provenance, ct);
            await audit.AppendAuditAsync(new AuditEntry(0, clock.GetUtcNow(), caller.UserName, saved.TenantId, publish == true ? "definition.publish" : "definition.save",
                $"{saved.DefinitionId} v{saved.Version}", "allowed", await diff.AuditDetailAsync("", previous, saved, ct)), ct);
            return Results.Ok(Summary(saved));
        });

        group.MapGet("/{definitionId}/diff", async (string definitionId, int? left, int? right, Caller caller, DefinitionService definitions, VersionDiff diff, CancellationToken ct) =>
        {
            caller.RequireRegion(await TenantOfAsync(definitions, definitionId, ct), "definition.read", definitionId);
            var to = right is { } r ? await definitions.GetVersionAsync(definitionId, r, ct) : await definitions.GetAsync(definitionId, VersionOptions.Latest, ct);
            var from = left is { } l ? await definitions.GetVersionAsync(definitionId, l, ct) : await definitions.GetAsync(definitionId, VersionOptions.Published, ct);
            if (to is null || (left is not null && from is null))
            {
                return Results.Problem(title: "工作流不存在", detail: $"workflow '{definitionId}' has no version {(to is null ? right?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "latest" : left?.ToString(System.Globalization.CultureInfo.InvariantCulture))}", statusCode: 404);
            }

            return Results.Ok(await diff.CompareAsync(from, to, ct));
        });

        group.MapPost("/{definitionId}/publish", async (string definitionId, Caller caller, DefinitionService definitions, IAccessStore audit, VersionDiff diff, TimeProvider clock, CancellationToken ct) =>
        {
            caller.RequirePolicyAdmin(await TenantOfAsync(definitions, definitionId, ct), "definition.publish", definitionId);
            var previous = await definitions.GetAsync(definitionId, VersionOptions.Published, ct);
            var (version, already) = await definitions.PublishAsync(definitionId, caller.UserName, ct);
            await audit.AppendAuditAsync(new AuditEntry(0, clock.GetUtcNow(), caller.UserName, version.TenantId, "definition.publish", $"{version.DefinitionId} v{version.Version}", "allowed",
                already ? "already published" : await diff.AuditDetailAsync("", previous, version, ct)), ct);
            return Results.Ok(new { definition = Summary(version), alreadyPublished = already });
        });

        group.MapPost("/{definitionId}/retract", async (string definitionId, Caller caller, DefinitionService definitions, IAccessStore audit, TimeProvider clock, CancellationToken ct) =>
        {
            caller.RequirePolicyAdmin(await TenantOfAsync(definitions, definitionId, ct), "definition.retract", definitionId);
            var retracted = await definitions.RetractAsync(definitionId, ct);
            await audit.AppendAuditAsync(new AuditEntry(0, clock.GetUtcNow(), caller.UserName, retracted.TenantId, "definition.retract", $"{retracted.DefinitionId} v{retracted.Version}", "allowed", null), ct);
            return Results.Ok(Summary(retracted));
        });
    }

    private static async Task<string?> TenantOfAsync(DefinitionService definitions, string definitionId, CancellationToken ct) =>
        (await definitions.ListVersionsAsync(definitionId, ct)).FirstOrDefault()?.TenantId;

    private static VersionOptions ParseOptions(string? text) =>
        Enum.TryParse<VersionOptions>(text, ignoreCase: true, out var options) ? options : VersionOptions.Published;

    internal static object Summary(DefinitionVersion v) => new
    {
        id = v.Id,
        definitionId = v.DefinitionId,
        tenantId = v.TenantId,
        name = v.Name,
        version = v.Version,
        isLatest = v.IsLatest,
        isPublished = v.IsPublished,
        isRetracted = v.IsRetracted,
        contentHash = v.ContentHash,
        createdAt = v.CreatedAt,
        publishedAt = v.PublishedAt,
        provenance = v.Provenance,
        pins = v.Pins,
    };
}
