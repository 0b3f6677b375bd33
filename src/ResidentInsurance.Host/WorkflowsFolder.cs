namespace ResidentInsurance.Host;

/// <summary>Finds the shipped <c>workflows/</c> folder: configured, beside the binary (container), or up from the content root (dotnet run).</summary>
internal static class WorkflowsFolder
{
    public static string? Find(string? configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured, contentRoot);
        }

        foreach (var start in new[] { AppContext.BaseDirectory, contentRoot })
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
}
