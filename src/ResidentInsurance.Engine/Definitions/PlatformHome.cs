namespace ResidentInsurance.Engine.Definitions;

/// <summary>
/// Where the platform's shipped files are: the folder holding <c>workflows/</c>, found beside the binary
/// (a container) or above it and the working directory (dotnet run). The host and the CLI derive the
/// same default database path from it, so a simulation sees what the designer published.
/// </summary>
public static class PlatformHome
{
    public const string DefaultDatabase = "data/resident-insurance.db";

    /// <summary>The <c>workflows/</c> folder: the configured one, else the nearest found; null when none.</summary>
    public static string? FindWorkflows(string? configured, string? workingDirectory = null)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured, workingDirectory ?? Directory.GetCurrentDirectory());
        }

        foreach (var start in new[] { AppContext.BaseDirectory, workingDirectory ?? Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "workflows");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>The shared SQLite file: <c>data/resident-insurance.db</c> beside <c>workflows/</c> (or under the working directory).</summary>
    public static string DefaultDatabasePath(string? workflowsDirectory, string? workingDirectory = null)
    {
        var home = workflowsDirectory is null ? workingDirectory ?? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(workflowsDirectory))!;
        return Path.Combine(home, DefaultDatabase);
    }
}
