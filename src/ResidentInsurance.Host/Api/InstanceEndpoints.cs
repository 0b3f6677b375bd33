using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Runtime;

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

        group.MapPost("/instances", async (StartBody body, WorkflowRuntime runtime, CancellationToken ct) =>
        {
            var result = await runtime.StartAsync(new StartWorkflowRequest(body.DefinitionId) { Input = body.Input, CorrelationId = body.CorrelationId }, ct);
            return Results.Ok(new { instance = result.Instance, bookmarks = result.Bookmarks });
        });

        group.MapGet("/instances", async (string? region, string? definitionId, int? skip, int? take, IInstanceStore store, CancellationToken ct) =>
            await store.ListInstancesAsync(new InstanceQuery(region, definitionId, Skip: skip ?? 0, Take: Math.Clamp(take ?? 50, 1, 500)), ct));

        group.MapGet("/instances/{id}", async (string id, IInstanceStore store, CancellationToken ct) =>
        {
            var instance = await store.FindInstanceAsync(id, ct);
            return instance is null
                ? Results.Problem(title: "流程实例不存在", detail: $"instance '{id}' does not exist", statusCode: 404)
                : Results.Ok(new { instance, bookmarks = await store.ListBookmarksAsync(id, ct), journal = await store.GetJournalAsync(id, ct) });
        });

        group.MapPost("/instances/{id}/retry", async (string id, WorkflowRuntime runtime, CancellationToken ct) =>
            Results.Ok((await runtime.RetryAsync(id, ct)).Instance));

        group.MapPost("/bookmarks/{id}/resume", async (string id, ResumeBody body, WorkflowRuntime runtime, CancellationToken ct) =>
            Results.Ok(await runtime.ResumeAsync(ResumeRequest.ForBookmark(id, body.IdempotencyKey, body.Payload), ct)));

        group.MapPost("/events", async (EventBody body, WorkflowRuntime runtime, CancellationToken ct) =>
            Results.Ok(await runtime.ResumeAsync(ResumeRequest.ForEvent(body.Region, body.EventName, body.CorrelationKey, body.IdempotencyKey, body.Payload), ct)));

        group.MapGet("/stimuli/parked", async (string? region, IInstanceStore store, CancellationToken ct) =>
            await store.ListPendingStimuliAsync(region, ct));
    }
}
