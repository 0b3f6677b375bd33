namespace ResidentInsurance.Engine.Runtime;

/// <summary>Picks a version from a definition's versions by Elsa's version options.</summary>
public static class VersionSelector
{
    public static DefinitionVersion? Select(IReadOnlyList<DefinitionVersion> versions, VersionOptions options) =>
        Select(versions.Select(v => v.Head), options) is { } head ? versions.First(v => v.Id == head.Id) : null;

    public static DefinitionVersionHead? Select(IEnumerable<DefinitionVersionHead> versions, VersionOptions options)
    {
        var list = versions.ToList();
        return options switch
        {
            VersionOptions.Published => list.Where(v => v.IsPublished).MaxBy(v => v.Version),
            VersionOptions.Latest => list.FirstOrDefault(v => v.IsLatest) ?? list.MaxBy(v => v.Version),
            VersionOptions.LatestOrPublished => list.FirstOrDefault(v => v.IsLatest) ?? list.Where(v => v.IsPublished).MaxBy(v => v.Version),
            VersionOptions.Draft => list.Where(v => !v.IsPublished && v.IsLatest).MaxBy(v => v.Version),
            _ => null,
        };
    }
}
