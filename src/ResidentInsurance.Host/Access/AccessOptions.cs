namespace ResidentInsurance.Host.Access;

/// <summary>Section "Access": demo accounts for the default run, password hashing cost, login rate limit.</summary>
internal sealed class AccessOptions
{
    public const string Section = "Access";

    /// <summary>Seed the demo accounts listed in the README when they are missing (off in production).</summary>
    public bool SeedDemoAccounts { get; set; } = true;

    /// <summary>The demo accounts' password (README); a real deployment turns seeding off.</summary>
    public string DemoPassword { get; set; } = "Demo@2026";

    public int PasswordIterations { get; set; } = 100_000;

    /// <summary>Login attempts allowed per client address per minute.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 10;
}
