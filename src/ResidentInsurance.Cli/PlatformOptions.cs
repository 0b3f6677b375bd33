using ResidentInsurance.Engine.Definitions;

namespace ResidentInsurance.Cli;

/// <summary>Where the CLI finds the shipped workflows and the host's database.</summary>
internal sealed record PlatformOptions(string? WorkflowsDirectory, string DatabasePath)
{
    public static PlatformOptions Default()
    {
        var workflows = PlatformHome.FindWorkflows(Environment.GetEnvironmentVariable("RI_WORKFLOWS"));
        var database = Environment.GetEnvironmentVariable("RI_DATABASE") ?? PlatformHome.DefaultDatabasePath(workflows);
        return new PlatformOptions(workflows, database);
    }
}
