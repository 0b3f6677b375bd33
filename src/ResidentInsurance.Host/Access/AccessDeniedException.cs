namespace ResidentInsurance.Host.Access;

/// <summary>The caller may not do this; answered 403 and written to the audit trail.</summary>
internal sealed class AccessDeniedException(string action, string target, string? region, string message) : Exception(message)
{
    public string Action { get; } = action;

    public string Target { get; } = target;

    public string? Region { get; } = region;
}
