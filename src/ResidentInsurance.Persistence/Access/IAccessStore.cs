namespace ResidentInsurance.Persistence.Access;

/// <summary>Accounts, the audit trail and task claims, in the workflow database.</summary>
public interface IAccessStore
{
    Task<StaffAccount?> FindAccountAsync(string userName, CancellationToken ct = default);

    Task<StaffAccount?> FindAccountByApiKeyHashAsync(string apiKeyHash, CancellationToken ct = default);

    Task<int> CountAccountsAsync(CancellationToken ct = default);

    /// <summary>Adds the accounts whose user name is not taken yet; returns how many were added.</summary>
    Task<int> AddAccountsAsync(IEnumerable<StaffAccount> accounts, CancellationToken ct = default);

    Task AppendAuditAsync(AuditEntry entry, CancellationToken ct = default);

    /// <summary>
    /// Appends the entry unless one with the same action and target is already in the chain (a payment's entry,
    /// written again when the payment is re-delivered after a crash that lost it); true when it was appended. Two
    /// deliveries of one payment at the same instant may both append (an entry twice, never a payment twice).
    /// </summary>
    Task<bool> AppendAuditOnceAsync(AuditEntry entry, CancellationToken ct = default);

    Task<IReadOnlyList<AuditEntry>> ListAuditAsync(int max, CancellationToken ct = default);

    /// <summary>Walks the whole chain from the first entry: every hash recomputed, every link checked.</summary>
    Task<AuditVerification> VerifyAuditAsync(CancellationToken ct = default);

    /// <summary>Claims a task for a clerk; returns the claim that holds afterwards (another clerk's if taken first).</summary>
    Task<TaskClaim> ClaimAsync(string taskId, string userName, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>Releases a claim held by the clerk; false when the clerk does not hold it.</summary>
    Task<bool> ReleaseAsync(string taskId, string userName, CancellationToken ct = default);

    Task<IReadOnlyDictionary<string, TaskClaim>> FindClaimsAsync(IEnumerable<string> taskIds, CancellationToken ct = default);
}
