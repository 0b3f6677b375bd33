using ResidentInsurance.Persistence.Access;

namespace ResidentInsurance.Persistence.Sqlite;

/// <summary>
/// An audit entry appended by the <see cref="SqliteWriter"/>: the chain's tail is read and extended inside the
/// writer's transaction, so no other append can come between (and a payment audited once is checked and written
/// in the same step).
/// </summary>
internal static class AuditStatements
{
    /// <summary>False when <paramref name="onlyOnce"/> and an entry with the same action and target exists.</summary>
    public static bool Append(PreparedConnection db, AuditEntry entry, bool onlyOnce)
    {
        if (onlyOnce && db.Scalar("SELECT 1 FROM audit WHERE Action = @p0 AND Target = @p1 LIMIT 1", entry.Action, entry.Target) is not null)
        {
            return false;
        }

        var row = AuditChain.Link(entry, db.Scalar("SELECT Hash FROM audit ORDER BY Sequence DESC LIMIT 1") as string ?? AuditChain.Genesis);
        db.Execute(
            "INSERT INTO audit (At, Actor, Region, Action, Target, Outcome, Detail, PreviousHash, Hash) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8)",
            row.At, row.Actor, row.Region, row.Action, row.Target, row.Outcome, row.Detail, row.PreviousHash, row.Hash);
        return true;
    }
}
