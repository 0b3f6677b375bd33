using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Host.Access;

namespace ResidentInsurance.Host.Api;

/// <summary>Instances: start, read (with bookmarks and journal), resume by bookmark or event, retry.</summary>
internal static class InstanceEndpoints
{
    public sealed record StartBody(string DefinitionId, JsonObject? Input, string? CorrelationId);

    public sealed record ResumeBody(string IdempotencyKey, JsonObject? Payload);

    public sealed record EventBody(string Region, string EventName, string? CorrelationKey, string IdempotencyKey, JsonObject? Payload);

    public static void MapInstanceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Instances");

        group.MapPost("/instances", async (StartBody body, Caller caller, IDefinitionStore definitions, WorkflowRuntime runtime, CancellationToken ct) =>
        {
            var tenant = (await definitions.ListVersionHeadsAsync(body.DefinitionId, ct)).FirstOrDefault()?.TenantId;
            caller.RequireRegion(tenant, "instance.start", body.DefinitionId);
            var result = await runtime.StartAsync(new StartWorkflowRequest(body.DefinitionId) { Input = body.Input, CorrelationId = body.CorrelationId }, ct);
            return Results.Ok(new { instance = result.Instance, bookmarks = result.Bookmarks, alreadyStarted = result.AlreadyStarted });
        });

        group.MapGet("/instances", async (string? region, string? definitionId, int? skip, int? take, Caller caller, IInstanceStore store, CancellationToken ct) =>
            await store.ListInstancesAsync(new InstanceQuery(caller.ScopeRegion(region), definitionId, Skip: skip ?? 0, Take: Math.Clamp(take ?? 50, 1, 500)), ct));

        group.MapGet("/instances/{id}", async (string id, Caller caller, IInstanceStore store, CancellationToken ct) =>
        {
            var instance = await store.FindInstanceAsync(id, ct);
            caller.RequireRegion(instance?.TenantId ?? caller.Region, "instance.read", id);
            return instance is null
                ? Results.Problem(title: "流程实例不存在", detail: $"instance '{id}' does not exist", statusCode: 404)
                : Results.Ok(new { instance, bookmarks = await store.ListBookmarksAsync(id, ct), journal = await store.GetJournalAsync(id, ct) });
        });

        group.MapPost("/instances/{id}/retry", async (string id, Caller caller, IInstanceStore store, WorkflowRuntime runtime, CancellationToken ct) =>
        {
            var instance = await store.FindInstanceAsync(id, ct);
            caller.RequireDepartment(instance?.TenantId ?? caller.Region, caller.IsSystemAdmin ? null : "medical_insurance_agency", "instance.retry", id);
            return Results.Ok((await runtime.RetryAsync(id, ct)).Instance);
        });

        group.MapPost("/bookmarks/{id}/resume", async (string id, ResumeBody body, Caller caller, WorkflowRuntime runtime, CancellationToken ct) =>
            caller.RequireSystemAdminThen("bookmark.resume", id) ?? Results.Ok(await runtime.ResumeAsync(ResumeRequest.ForBookmark(id, body.IdempotencyKey, body.Payload), ct)));

        group.MapPost("/events", async (EventBody body, Caller caller, WorkflowRuntime runtime, CancellationToken ct) =>
            caller.RequireDepartmentThen(body.Region, "tax", "event.publish", body.EventName) ?? Results.Ok(await runtime.ResumeAsync(ResumeRequest.ForEvent(body.Region, body.EventName, body.CorrelationKey, body.IdempotencyKey, body.Payload), ct)));

        group.MapGet("/stimuli/parked", async (string? region, Caller caller, IInstanceStore store, CancellationToken ct) =>
            await store.ListPendingStimuliAsync(caller.ScopeRegion(region), ct));
    }
}
