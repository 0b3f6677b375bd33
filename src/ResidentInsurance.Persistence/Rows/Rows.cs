namespace ResidentInsurance.Persistence.Rows;

// Table rows. Times are UTC ticks (long): sortable and comparable in SQL on SQLite and PostgreSQL alike.

internal sealed class DefinitionVersionRow
{
    public string Id { get; set; } = "";
    public string DefinitionId { get; set; } = "";
    public string TenantId { get; set; } = "";
    public string? Name { get; set; }
    public int Version { get; set; }
    public bool IsLatest { get; set; }
    public bool IsPublished { get; set; }
    public bool IsRetracted { get; set; }
    public string Json { get; set; } = "";
    public string ContentHash { get; set; } = "";
    public string Provenance { get; set; } = "";
    public string Pins { get; set; } = "";
    public long CreatedAt { get; set; }
    public long? PublishedAt { get; set; }
}

internal sealed class ContentBlobRow
{
    public string Hash { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Text { get; set; } = "";
}

internal sealed class FileImportRow
{
    public string Path { get; set; } = "";
    public string FileHash { get; set; } = "";
    public string DefinitionId { get; set; } = "";
    public int Version { get; set; }
    public long ImportedAt { get; set; }
}

internal sealed class InstanceRow
{
    public string Id { get; set; } = "";
    public string DefinitionId { get; set; } = "";
    public string DefinitionVersionId { get; set; } = "";
    public int Version { get; set; }
    public string TenantId { get; set; } = "";
    public string? CorrelationId { get; set; }
    public string Status { get; set; } = "";
    public long CreatedAt { get; set; }
    public long UpdatedAt { get; set; }
    public long? FinishedAt { get; set; }
    public long Revision { get; set; }
    public string State { get; set; } = "";
}

internal sealed class BookmarkRow
{
    public string Id { get; set; } = "";
    public string InstanceId { get; set; } = "";
    public string TenantId { get; set; } = "";
    public string ActivityId { get; set; } = "";
    public string? ActivityNodeId { get; set; }
    public string ActivityType { get; set; } = "";
    public string Name { get; set; } = "";
    public string? CorrelationKey { get; set; }
    public long CorrelationHash { get; set; }
    public long? ResumeAt { get; set; }
    public string? Payload { get; set; }
    public long CreatedAt { get; set; }
}

internal sealed class StimulusRow
{
    public string Id { get; set; } = "";
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string? CorrelationKey { get; set; }
    public long CorrelationHash { get; set; }
    public string? BookmarkId { get; set; }
    public string TenantId { get; set; } = "";
    public string? Payload { get; set; }
    public long ReceivedAt { get; set; }
    public string Status { get; set; } = "";
    public string? ConsumedByInstanceId { get; set; }
    public long? ConsumedAt { get; set; }
}

internal sealed class JournalRow
{
    public string InstanceId { get; set; } = "";
    public long Sequence { get; set; }
    public string TenantId { get; set; } = "";
    public string ActivityId { get; set; } = "";
    public string? ActivityNodeId { get; set; }
    public string ActivityType { get; set; } = "";
    public int ActivityVersion { get; set; }
    public string Event { get; set; } = "";
    public long At { get; set; }
    public string? Outcome { get; set; }
    public string? Message { get; set; }
}

internal sealed class OutboxRow
{
    public long Sequence { get; set; }
    public string Id { get; set; } = "";
    public string Type { get; set; } = "";
    public string TenantId { get; set; } = "";
    public string? InstanceId { get; set; }
    public string Payload { get; set; } = "";
    public long CreatedAt { get; set; }
}

internal sealed class RecordRow
{
    public long Sequence { get; set; }
    public string TenantId { get; set; } = "";
    public string EventName { get; set; } = "";
    public string? CorrelationKey { get; set; }
    public string? InstanceId { get; set; }
    public string Payload { get; set; } = "";
    public long RecordedAt { get; set; }
}
