using ResidentInsurance.Engine.Execution;

namespace ResidentInsurance.Persistence;

/// <summary>
/// Appends records written elsewhere — a region's earlier system's payments brought over, or a benchmark's store —
/// in batches, each batch one transaction, in the order given (their sequence numbers are the store's own).
/// Workflows never write through here: their records go in with the step that made them.
/// </summary>
public sealed class RecordImporter(WorkflowDbContextFactory factory)
{
    public async Task ImportAsync(IEnumerable<WorkflowRecord> records, int batchSize = 10_000, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var done = 0;
        foreach (var batch in records.Chunk(batchSize))
        {
            await using var db = await factory.OpenAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.Records.AddRange(batch.Select(RowMapping.ToRow));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            done += batch.Length;
            progress?.Report(done);
        }
    }
}
