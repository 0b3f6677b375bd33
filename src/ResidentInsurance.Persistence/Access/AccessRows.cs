namespace ResidentInsurance.Persistence.Access;

// Table rows of accounts, audit and claims. Times are UTC ticks like the workflow rows.

internal sealed class AccountRow
{
    public string UserName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string? Region { get; set; }
    public string? Department { get; set; }
    public string Role { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public string? ApiKeyHash { get; set; }

    public string? Town { get; set; }
}

internal sealed class AuditRow
{
    public long Sequence { get; set; }
    public long At { get; set; }
    public string Actor { get; set; } = "";
    public string? Region { get; set; }
    public string Action { get; set; } = "";
    public string Target { get; set; } = "";
    public string Outcome { get; set; } = "";
    public string? Detail { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}

internal sealed class TaskClaimRow
{
    public string TaskId { get; set; } = "";
    public string ClaimedBy { get; set; } = "";
    public long ClaimedAt { get; set; }
}
