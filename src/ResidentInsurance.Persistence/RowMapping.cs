using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Engine.Serialization;
using ResidentInsurance.Persistence.Rows;

namespace ResidentInsurance.Persistence;

/// <summary>Engine records to rows and back. JSON columns use the engine's compact settings.</summary>
internal static class RowMapping
{
    private static JsonSerializerOptions Json => WorkflowJson.Compact;

    public static long Ticks(DateTimeOffset value) => value.UtcTicks;

    public static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);

    /// <summary>A 64-bit hash of (name, correlation key, region): one indexed integer column to look up waits by.</summary>
    public static long CorrelationHash(string name, string? correlationKey, string tenantId) =>
        BinaryPrimitives.ReadInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"{tenantId}\u001f{name}\u001f{correlationKey}")));

    public static DefinitionVersionRow ToRow(DefinitionVersion v) => new()
    {
        Id = v.Id,
        DefinitionId = v.DefinitionId,
        TenantId = v.TenantId,
        Name = v.Name,
        Version = v.Version,
        IsLatest = v.IsLatest,
        IsPublished = v.IsPublished,
        IsRetracted = v.IsRetracted,
        Json = v.Json,
        ContentHash = v.ContentHash,
        Provenance = JsonSerializer.Serialize(v.Provenance, Json),
        Pins = JsonSerializer.Serialize(v.Pins, Json),
        CreatedAt = Ticks(v.CreatedAt),
        PublishedAt = v.PublishedAt is { } p ? Ticks(p) : null,
    };

    public static DefinitionVersion FromRow(DefinitionVersionRow r) => new()
    {
        Id = r.Id,
        DefinitionId = r.DefinitionId,
        TenantId = r.TenantId,
        Name = r.Name,
        Version = r.Version,
        IsLatest = r.IsLatest,
        IsPublished = r.IsPublished,
        IsRetracted = r.IsRetracted,
        Json = r.Json,
        ContentHash = r.ContentHash,
        Provenance = JsonSerializer.Deserialize<Provenance>(r.Provenance, Json)!,
        Pins = ReadPins(r.Pins),
        CreatedAt = Time(r.CreatedAt),
        PublishedAt = r.PublishedAt is { } p ? Time(p) : null,
    };

    private static PolicyPins ReadPins(string json)
    {
        var node = JsonNode.Parse(json);
        var scripts = (node?["scripts"] as JsonObject)?.ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal)
            ?? new Dictionary<string, string>(StringComparer.Ordinal);
        return new PolicyPins(scripts, node?["parametersHash"]?.GetValue<string>());
    }

    /// <summary>The instance's state kept as one compact JSON blob.</summary>
    private sealed record InstanceState(
        JsonObject Input,
        JsonObject Variables,
        Dictionary<string, List<string>> JoinArrivals,
        List<string> PendingActivities,
        List<Incident> Incidents,
        long JournalSequence);

    public static InstanceRow ToRow(WorkflowInstance i) => new()
    {
        Id = i.Id,
        DefinitionId = i.DefinitionId,
        DefinitionVersionId = i.DefinitionVersionId,
        Version = i.Version,
        TenantId = i.TenantId,
        CorrelationId = i.CorrelationId,
        Status = i.Status.ToString(),
        CreatedAt = Ticks(i.CreatedAt),
        UpdatedAt = Ticks(i.UpdatedAt),
        FinishedAt = i.FinishedAt is { } f ? Ticks(f) : null,
        Revision = i.Revision,
        State = StateOf(i),
    };

    public static string StateOf(WorkflowInstance i) =>
        JsonSerializer.Serialize(new InstanceState(i.Input, i.Variables, i.JoinArrivals, i.PendingActivities, i.Incidents, i.JournalSequence), Json);

    public static WorkflowInstance FromRow(InstanceRow r)
    {
        var state = JsonSerializer.Deserialize<InstanceState>(r.State, Json)!;
        return new WorkflowInstance
        {
            Id = r.Id,
            DefinitionId = r.DefinitionId,
            DefinitionVersionId = r.DefinitionVersionId,
            Version = r.Version,
            TenantId = r.TenantId,
            CorrelationId = r.CorrelationId,
            Status = Enum.Parse<WorkflowStatus>(r.Status),
            CreatedAt = Time(r.CreatedAt),
            UpdatedAt = Time(r.UpdatedAt),
            FinishedAt = r.FinishedAt is { } f ? Time(f) : null,
            Revision = r.Revision,
            Input = state.Input ?? [],
            Variables = state.Variables ?? [],
            JoinArrivals = new Dictionary<string, List<string>>(state.JoinArrivals ?? [], StringComparer.Ordinal),
            PendingActivities = state.PendingActivities ?? [],
            Incidents = state.Incidents ?? [],
            JournalSequence = state.JournalSequence,
        };
    }

    public static BookmarkRow ToRow(Bookmark b) => new()
    {
        Id = b.Id,
        InstanceId = b.InstanceId,
        TenantId = b.TenantId,
        ActivityId = b.ActivityId,
        ActivityNodeId = b.ActivityNodeId,
        ActivityType = b.ActivityType,
        Name = b.Name,
        CorrelationKey = b.CorrelationKey,
        CorrelationHash = CorrelationHash(b.Name, b.CorrelationKey, b.TenantId),
        ResumeAt = b.ResumeAt is { } at ? Ticks(at) : null,
        Payload = b.Payload?.ToJsonString(Json),
        CreatedAt = Ticks(b.CreatedAt),
    };

    public static Bookmark FromRow(BookmarkRow r) => new()
    {
        Id = r.Id,
        InstanceId = r.InstanceId,
        TenantId = r.TenantId,
        ActivityId = r.ActivityId,
        ActivityNodeId = r.ActivityNodeId,
        ActivityType = r.ActivityType,
        Name = r.Name,
        CorrelationKey = r.CorrelationKey,
        ResumeAt = r.ResumeAt is { } at ? Time(at) : null,
        Payload = r.Payload is null ? null : JsonNode.Parse(r.Payload) as JsonObject,
        CreatedAt = Time(r.CreatedAt),
    };

    public static StimulusRow ToRow(Stimulus s) => new()
    {
        Id = s.Id,
        Key = s.Key,
        Name = s.Name,
        CorrelationKey = s.CorrelationKey,
        CorrelationHash = CorrelationHash(s.Name, s.CorrelationKey, s.TenantId),
        BookmarkId = s.BookmarkId,
        TenantId = s.TenantId,
        Payload = s.Payload?.ToJsonString(Json),
        ReceivedAt = Ticks(s.ReceivedAt),
        Status = s.Status.ToString(),
        ConsumedByInstanceId = s.ConsumedByInstanceId,
        ConsumedAt = s.ConsumedAt is { } c ? Ticks(c) : null,
    };

    public static Stimulus FromRow(StimulusRow r) => new()
    {
        Id = r.Id,
        Key = r.Key,
        Name = r.Name,
        CorrelationKey = r.CorrelationKey,
        BookmarkId = r.BookmarkId,
        TenantId = r.TenantId,
        Payload = r.Payload is null ? null : JsonNode.Parse(r.Payload) as JsonObject,
        ReceivedAt = Time(r.ReceivedAt),
        Status = Enum.Parse<StimulusStatus>(r.Status),
        ConsumedByInstanceId = r.ConsumedByInstanceId,
        ConsumedAt = r.ConsumedAt is { } c ? Time(c) : null,
    };

    public static JournalRow ToRow(JournalEntry j, string tenantId) => new()
    {
        InstanceId = j.InstanceId,
        Sequence = j.Sequence,
        TenantId = tenantId,
        ActivityId = j.ActivityId,
        ActivityNodeId = j.ActivityNodeId,
        ActivityType = j.ActivityType,
        ActivityVersion = j.ActivityVersion,
        Event = j.Event.ToString(),
        At = Ticks(j.At),
        Outcome = j.Outcome,
        Message = j.Message,
    };

    public static JournalEntry FromRow(JournalRow r) =>
        new(r.InstanceId, r.Sequence, r.ActivityId, r.ActivityNodeId, r.ActivityType, r.ActivityVersion, Enum.Parse<JournalEventKind>(r.Event), Time(r.At), r.Outcome, r.Message);

    public static OutboxRow ToRow(OutboxMessage m) => new()
    {
        Id = m.Id,
        Type = m.Type,
        TenantId = m.TenantId,
        InstanceId = m.InstanceId,
        Payload = m.Payload.ToJsonString(Json),
        CreatedAt = Ticks(m.CreatedAt),
    };

    public static OutboxMessage FromRow(OutboxRow r) =>
        new(r.Id, r.Type, r.TenantId, r.InstanceId, (JsonNode.Parse(r.Payload) as JsonObject) ?? [], Time(r.CreatedAt));

    public static RecordRow ToRow(WorkflowRecord r) => new()
    {
        TenantId = r.TenantId,
        EventName = r.EventName,
        CorrelationKey = r.CorrelationKey,
        InstanceId = r.InstanceId,
        Payload = r.Payload.ToJsonString(Json),
        RecordedAt = Ticks(r.RecordedAt),
    };

    public static WorkflowRecord FromRow(RecordRow r) =>
        new(r.Sequence, r.TenantId, r.EventName, r.CorrelationKey, r.InstanceId, (JsonNode.Parse(r.Payload) as JsonObject) ?? [], Time(r.RecordedAt));
}
