namespace ResidentInsurance.Persistence.Access;

/// <summary>
/// A staff or system account. Staff belong to one department of one region; a policy administrator to one
/// region; a system administrator to none. Passwords and API keys are kept only as hashes. A town's staff
/// (department <c>town</c>) may belong to one town (镇/街道) of the region and then see that town only.
/// </summary>
public sealed record StaffAccount(
    string UserName,
    string DisplayName,
    string? Region,
    string? Department,
    string Role,
    string PasswordHash,
    string? ApiKeyHash,
    string? Town = null);

/// <summary>
/// One audit entry: who did (or tried) what, on which record, allowed or denied. Entries are chained: each
/// carries the hash of the one before and its own hash over both, so an edited or deleted entry is found.
/// </summary>
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset At,
    string Actor,
    string? Region,
    string Action,
    string Target,
    string Outcome,
    string? Detail)
{
    public string PreviousHash { get; init; } = "";

    public string Hash { get; init; } = "";
}

/// <summary>The result of walking the audit chain: intact, or the first entry that does not hold.</summary>
public sealed record AuditVerification(bool Intact, long Entries, long? BrokenAt, string? Problem);

/// <summary>A department task claimed by one clerk.</summary>
public sealed record TaskClaim(string TaskId, string ClaimedBy, DateTimeOffset ClaimedAt);
