namespace ResidentInsurance.Engine.Runtime;

/// <summary>Stores definition versions, pinned content and file-import marks.</summary>
public interface IDefinitionStore
{
    Task<DefinitionVersion?> FindVersionAsync(string id, CancellationToken ct = default);

    Task<IReadOnlyList<DefinitionVersion>> ListVersionsAsync(string definitionId, CancellationToken ct = default);

    /// <summary>The same versions, newest first, without reading their documents.</summary>
    Task<IReadOnlyList<DefinitionVersionHead>> ListVersionHeadsAsync(string definitionId, CancellationToken ct = default);

    /// <summary>All versions of all definitions of a tenant (null: every tenant), newest first per definition.</summary>
    Task<IReadOnlyList<DefinitionVersion>> ListAsync(string? tenantId, CancellationToken ct = default);

    /// <summary>Writes versions (insert or replace by id), content and an import mark in one transaction.</summary>
    Task SaveAsync(IReadOnlyList<DefinitionVersion> versions, IReadOnlyList<ContentBlob> content, FileImport? import, CancellationToken ct = default);

    Task DeleteVersionsAsync(IReadOnlyList<string> ids, CancellationToken ct = default);

    Task<ContentBlob?> GetContentAsync(string hash, CancellationToken ct = default);

    Task<FileImport?> FindImportAsync(string path, CancellationToken ct = default);
}
