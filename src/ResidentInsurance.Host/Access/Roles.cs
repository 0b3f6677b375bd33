namespace ResidentInsurance.Host.Access;

/// <summary>Account roles. Staff and systems act for one department of one region.</summary>
internal static class Roles
{
    /// <summary>A clerk of one department in one region (民政 of Zhashui …).</summary>
    public const string Staff = "staff";

    /// <summary>Edits and publishes the workflows and parameters of one region.</summary>
    public const string PolicyAdmin = "policy_admin";

    /// <summary>Operates the platform across regions.</summary>
    public const string SystemAdmin = "system_admin";

    /// <summary>A system calling with an API key for one department of one region (the tax feed, a school).</summary>
    public const string System = "system";

    public static readonly IReadOnlyList<string> All = [Staff, PolicyAdmin, SystemAdmin, System];
}
