using Microsoft.EntityFrameworkCore;
using ResidentInsurance.Persistence.Access;
using ResidentInsurance.Persistence.Rows;

namespace ResidentInsurance.Persistence;

/// <summary>The store's tables. Provider-specific subclasses carry their own migrations.</summary>
public abstract class WorkflowDbContext(DbContextOptions options) : DbContext(options)
{
    internal DbSet<DefinitionVersionRow> DefinitionVersions => Set<DefinitionVersionRow>();
    internal DbSet<ContentBlobRow> ContentBlobs => Set<ContentBlobRow>();
    internal DbSet<FileImportRow> FileImports => Set<FileImportRow>();
    internal DbSet<InstanceRow> Instances => Set<InstanceRow>();
    internal DbSet<BookmarkRow> Bookmarks => Set<BookmarkRow>();
    internal DbSet<StimulusRow> Stimuli => Set<StimulusRow>();
    internal DbSet<JournalRow> Journal => Set<JournalRow>();
    internal DbSet<OutboxRow> Outbox => Set<OutboxRow>();
    internal DbSet<RecordRow> Records => Set<RecordRow>();
    internal DbSet<AccountRow> Accounts => Set<AccountRow>();
    internal DbSet<Regions.RegionParametersRow> RegionParameters => Set<Regions.RegionParametersRow>();
    internal DbSet<Regions.RegionCaseRow> RegionCases => Set<Regions.RegionCaseRow>();
    internal DbSet<AuditRow> Audit => Set<AuditRow>();
    internal DbSet<TaskClaimRow> TaskClaims => Set<TaskClaimRow>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<DefinitionVersionRow>(e =>
        {
            e.ToTable("definition_versions");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.DefinitionId, x.Version }).IsUnique();
            e.HasIndex(x => x.TenantId);
        });
        model.Entity<ContentBlobRow>(e => { e.ToTable("content_blobs"); e.HasKey(x => x.Hash); });
        model.Entity<FileImportRow>(e => { e.ToTable("file_imports"); e.HasKey(x => x.Path); });
        model.Entity<InstanceRow>(e =>
        {
            e.ToTable("workflow_instances");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.TenantId, x.DefinitionId, x.Status });
            e.HasIndex(x => x.CorrelationId);
            e.HasIndex(x => new { x.DefinitionId, x.CorrelationId }).IsUnique().HasFilter("\"CorrelationId\" IS NOT NULL"); // one registration per person and year
        });
        model.Entity<BookmarkRow>(e =>
        {
            e.ToTable("bookmarks");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.InstanceId);
            e.HasIndex(x => x.CorrelationHash);
            e.HasIndex(x => x.ResumeAt);
            e.HasIndex(x => new { x.TenantId, x.Name });
            e.HasIndex(x => new { x.Name, x.CorrelationKey }); // a department task by its id, and every region's tasks, without a scan
        });
        model.Entity<StimulusRow>(e =>
        {
            e.ToTable("stimuli");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.Key).IsUnique();
            e.HasIndex(x => new { x.Status, x.CorrelationHash });
        });
        model.Entity<JournalRow>(e =>
        {
            e.ToTable("journal");
            e.HasKey(x => new { x.InstanceId, x.Sequence });
        });
        model.Entity<OutboxRow>(e =>
        {
            e.ToTable("outbox");
            e.HasKey(x => x.Sequence);
            e.Property(x => x.Sequence).ValueGeneratedOnAdd();
            e.HasIndex(x => x.Id).IsUnique();
        });
        model.Entity<RecordRow>(e =>
        {
            e.ToTable("records");
            e.HasKey(x => x.Sequence);
            e.Property(x => x.Sequence).ValueGeneratedOnAdd();
            e.HasIndex(x => new { x.TenantId, x.EventName, x.CorrelationKey });
            e.HasIndex(x => new { x.TenantId, x.Sequence }); // a region's records after a sequence: the campaign's catch-up reads
        });
        model.Entity<AccountRow>(e =>
        {
            e.ToTable("accounts");
            e.HasKey(x => x.UserName);
            e.HasIndex(x => x.ApiKeyHash).IsUnique();
            e.HasIndex(x => new { x.Region, x.Department });
        });
        model.Entity<AuditRow>(e =>
        {
            e.ToTable("audit");
            e.HasKey(x => x.Sequence);
            e.Property(x => x.Sequence).ValueGeneratedOnAdd();
            e.HasIndex(x => new { x.Region, x.At });
            e.HasIndex(x => new { x.Action, x.Target }); // a payment audited once, found again on re-delivery
            e.HasIndex(x => x.PreviousHash).IsUnique(); // one successor per entry: the chain cannot fork
        });
        model.Entity<TaskClaimRow>(e => { e.ToTable("task_claims"); e.HasKey(x => x.TaskId); });
        model.Entity<Regions.RegionParametersRow>(e => { e.ToTable("region_parameters"); e.HasKey(x => x.Region); });
        model.Entity<Regions.RegionCaseRow>(e => { e.ToTable("region_cases"); e.HasKey(x => new { x.Region, x.Name }); });
    }
}

/// <summary>SQLite (the default): a file in WAL mode.</summary>
public sealed class SqliteWorkflowDbContext(DbContextOptions<SqliteWorkflowDbContext> options) : WorkflowDbContext(options);

/// <summary>PostgreSQL, by configuration.</summary>
public sealed class PostgresWorkflowDbContext(DbContextOptions<PostgresWorkflowDbContext> options) : WorkflowDbContext(options);
