using System.Text;
using Microsoft.Data.Sqlite;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Persistence.Rows;

namespace ResidentInsurance.Persistence.Sqlite;

/// <summary>
/// The reads a step of an instance makes (its version, the instance, its bookmarks, a stimulus by key or by wait),
/// in hand-written SQL for <see cref="SqliteReaders"/>. They return the same rows, in the same order, as the
/// EF Core queries they stand in for on SQLite.
/// </summary>
internal static class ReadStatements
{
    private const string VersionColumns = "Id, DefinitionId, TenantId, Name, Version, IsLatest, IsPublished, IsRetracted, Json, ContentHash, Provenance, Pins, CreatedAt, PublishedAt";
    private const string InstanceColumns = "Id, DefinitionId, DefinitionVersionId, Version, TenantId, CorrelationId, Status, CreatedAt, UpdatedAt, FinishedAt, Revision, State";
    private const string BookmarkColumns = "Id, InstanceId, TenantId, ActivityId, ActivityNodeId, ActivityType, Name, CorrelationKey, CorrelationHash, ResumeAt, Payload, CreatedAt";
    private const string StimulusColumns = "Id, Key, Name, CorrelationKey, CorrelationHash, BookmarkId, TenantId, Payload, ReceivedAt, Status, ConsumedByInstanceId, ConsumedAt";

    public static DefinitionVersionRow? Version(SqliteReaders db, string id) =>
        db.Query($"SELECT {VersionColumns} FROM definition_versions WHERE Id = @p0", ReadVersion, id).FirstOrDefault();

    public static List<DefinitionVersionRow> Versions(SqliteReaders db, string definitionId) =>
        db.Query($"SELECT {VersionColumns} FROM definition_versions WHERE DefinitionId = @p0 ORDER BY Version DESC", ReadVersion, definitionId);

    /// <summary>The versions of a definition without their documents, newest first (as <see cref="Versions"/>).</summary>
    public static List<DefinitionVersionHead> VersionHeads(SqliteReaders db, string definitionId) => db.Query(
        "SELECT Id, DefinitionId, TenantId, Version, IsLatest, IsPublished, IsRetracted, PublishedAt FROM definition_versions WHERE DefinitionId = @p0 ORDER BY Version DESC",
        r => new DefinitionVersionHead(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetBoolean(4), r.GetBoolean(5), r.GetBoolean(6), Number(r, 7) is { } at ? RowMapping.Time(at) : null),
        definitionId);

    public static InstanceRow? Instance(SqliteReaders db, string id) =>
        db.Query($"SELECT {InstanceColumns} FROM workflow_instances WHERE Id = @p0", ReadInstance, id).FirstOrDefault();

    /// <summary>Only for queries without lists (<see cref="CanList"/>): their SQL has one shape per set of filters.</summary>
    public static List<InstanceRow> Instances(SqliteReaders db, InstanceQuery query)
    {
        var sql = new StringBuilder($"SELECT {InstanceColumns} FROM workflow_instances WHERE 1 = 1");
        var values = new List<object?>();
        void Where(string column, object? value)
        {
            if (value is not null)
            {
                sql.Append($" AND {column} = @p{values.Count}");
                values.Add(value);
            }
        }

        Where("TenantId", query.TenantId);
        Where("DefinitionId", query.DefinitionId);
        Where("Status", query.Status?.ToString());
        Where("CorrelationId", query.CorrelationId);
        sql.Append(query.NewestFirst ? " ORDER BY Id DESC" : " ORDER BY Id");
        sql.Append($" LIMIT @p{values.Count} OFFSET @p{values.Count + 1}");
        values.Add(query.Take);
        values.Add(query.Skip);
        return db.Query(sql.ToString(), ReadInstance, values.ToArray());
    }

    public static bool CanList(InstanceQuery query) => query.DefinitionIds is not { Count: > 0 } && query.Statuses is not { Count: > 0 };

    public static BookmarkRow? Bookmark(SqliteReaders db, string id) =>
        db.Query($"SELECT {BookmarkColumns} FROM bookmarks WHERE Id = @p0", ReadBookmark, id).FirstOrDefault();

    public static List<BookmarkRow> BookmarksByHash(SqliteReaders db, long hash) =>
        db.Query($"SELECT {BookmarkColumns} FROM bookmarks WHERE CorrelationHash = @p0", ReadBookmark, hash);

    /// <summary>Open bookmarks of one kind (every department task), of a region or of all, oldest first.</summary>
    public static List<BookmarkRow> BookmarksByName(SqliteReaders db, string name, string? tenantId) => tenantId is null
        ? db.Query($"SELECT {BookmarkColumns} FROM bookmarks WHERE Name = @p0 ORDER BY CreatedAt", ReadBookmark, name)
        : db.Query($"SELECT {BookmarkColumns} FROM bookmarks WHERE TenantId = @p0 AND Name = @p1 ORDER BY CreatedAt", ReadBookmark, tenantId, name);

    /// <summary>The same as <see cref="BookmarksByName"/> without the payloads.</summary>
    public static List<BookmarkHead> BookmarkHeadsByName(SqliteReaders db, string name, string? tenantId) => tenantId is null
        ? db.Query("SELECT Id, InstanceId, TenantId, CorrelationKey FROM bookmarks WHERE Name = @p0 ORDER BY CreatedAt", ReadHead, name)
        : db.Query("SELECT Id, InstanceId, TenantId, CorrelationKey FROM bookmarks WHERE TenantId = @p0 AND Name = @p1 ORDER BY CreatedAt", ReadHead, tenantId, name);

    /// <summary>Bookmarks of one kind and key in any region (a task found by its id).</summary>
    public static List<BookmarkRow> BookmarksByKey(SqliteReaders db, string name, string? correlationKey) =>
        db.Query($"SELECT {BookmarkColumns} FROM bookmarks WHERE Name = @p0 AND CorrelationKey IS @p1", ReadBookmark, name, correlationKey);

    public static List<BookmarkRow> BookmarksOf(SqliteReaders db, string instanceId) =>
        db.Query($"SELECT {BookmarkColumns} FROM bookmarks WHERE InstanceId = @p0 ORDER BY CreatedAt", ReadBookmark, instanceId);

    public static StimulusRow? Stimulus(SqliteReaders db, string key) =>
        db.Query($"SELECT {StimulusColumns} FROM stimuli WHERE Key = @p0", ReadStimulus, key).FirstOrDefault();

    public static List<StimulusRow> PendingStimuli(SqliteReaders db, long hash) =>
        db.Query($"SELECT {StimulusColumns} FROM stimuli WHERE Status = @p0 AND CorrelationHash = @p1 ORDER BY ReceivedAt", ReadStimulus, nameof(StimulusStatus.Pending), hash);

    internal static string? Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    internal static long? Number(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

    private static DefinitionVersionRow ReadVersion(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        DefinitionId = r.GetString(1),
        TenantId = r.GetString(2),
        Name = Text(r, 3),
        Version = r.GetInt32(4),
        IsLatest = r.GetBoolean(5),
        IsPublished = r.GetBoolean(6),
        IsRetracted = r.GetBoolean(7),
        Json = r.GetString(8),
        ContentHash = r.GetString(9),
        Provenance = r.GetString(10),
        Pins = r.GetString(11),
        CreatedAt = r.GetInt64(12),
        PublishedAt = Number(r, 13),
    };

    private static InstanceRow ReadInstance(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        DefinitionId = r.GetString(1),
        DefinitionVersionId = r.GetString(2),
        Version = r.GetInt32(3),
        TenantId = r.GetString(4),
        CorrelationId = Text(r, 5),
        Status = r.GetString(6),
        CreatedAt = r.GetInt64(7),
        UpdatedAt = r.GetInt64(8),
        FinishedAt = Number(r, 9),
        Revision = r.GetInt64(10),
        State = r.GetString(11),
    };

    private static BookmarkRow ReadBookmark(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        InstanceId = r.GetString(1),
        TenantId = r.GetString(2),
        ActivityId = r.GetString(3),
        ActivityNodeId = Text(r, 4),
        ActivityType = r.GetString(5),
        Name = r.GetString(6),
        CorrelationKey = Text(r, 7),
        CorrelationHash = r.GetInt64(8),
        ResumeAt = Number(r, 9),
        Payload = Text(r, 10),
        CreatedAt = r.GetInt64(11),
    };

    private static BookmarkHead ReadHead(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), Text(r, 3));

    private static StimulusRow ReadStimulus(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        Key = r.GetString(1),
        Name = r.GetString(2),
        CorrelationKey = Text(r, 3),
        CorrelationHash = r.GetInt64(4),
        BookmarkId = Text(r, 5),
        TenantId = r.GetString(6),
        Payload = Text(r, 7),
        ReceivedAt = r.GetInt64(8),
        Status = r.GetString(9),
        ConsumedByInstanceId = Text(r, 10),
        ConsumedAt = Number(r, 11),
    };
}
