using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Clock;
using ResidentInsurance.Engine.Model;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Engine.Serialization;

namespace ResidentInsurance.Engine.Definitions;

/// <summary>
/// The definition lifecycle, as Elsa has it: at most one draft per definition; saving on a published
/// latest creates draft N+1, saving a draft updates it in place; publishing makes the latest draft the
/// published version (the previous one stays stored for its running instances); retract unpublishes.
/// Every save pins the policy scripts and region parameters the version runs with.
/// </summary>
public sealed class DefinitionService
{
    private static readonly string[] LifecycleFields = ["id", "version", "isLatest", "isPublished", "createdAt", "tenantId", "$schema"];
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    private readonly IDefinitionStore _store;
    private readonly DefinitionValidator _validator;
    private readonly PolicyPinner _pinner;
    private readonly IEnumerable<IPublishGate> _gates;
    private readonly TimeProvider _clock;
    private readonly IIdGenerator _ids;

    public DefinitionService(
        IDefinitionStore store,
        DefinitionValidator validator,
        IPolicyResources resources,
        IEnumerable<IPublishGate> gates,
        TimeProvider clock,
        IIdGenerator ids)
    {
        _store = store;
        _validator = validator;
        _pinner = new PolicyPinner(resources);
        _gates = gates;
        _clock = clock;
        _ids = ids;
    }

    /// <summary>Saves the model as the definition's draft (new draft N+1, or the existing draft updated).</summary>
    public Task<DefinitionVersion> SaveDraftAsync(WorkflowDefinition model, Provenance provenance, CancellationToken ct = default) =>
        SaveAsync(model, provenance, publish: false, import: null, ct);

    /// <summary>Saves and publishes in one step (Elsa's <c>publish: true</c>).</summary>
    public Task<DefinitionVersion> SaveAndPublishAsync(WorkflowDefinition model, Provenance provenance, CancellationToken ct = default) =>
        SaveAsync(model, provenance, publish: true, import: null, ct);

    /// <summary>Publishes the latest version if it is a draft; a published latest is returned as is.</summary>
    public async Task<(DefinitionVersion Version, bool AlreadyPublished)> PublishAsync(string definitionId, string? by, CancellationToken ct = default)
    {
        var gate = _locks.GetOrAdd(definitionId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            var versions = await _store.ListVersionsAsync(definitionId, ct);
            var latest = versions.FirstOrDefault(v => v.IsLatest) ?? throw new WorkflowNotFoundException($"workflow '{definitionId}' does not exist");
            if (latest.IsPublished)
            {
                return (latest, true);
            }

            var model = WorkflowJson.ParseDefinition(latest.Json, definitionId);
            var (pins, content, problems) = await _pinner.PinAsync(model, latest.TenantId, ct);
            if (problems.Count > 0)
            {
                throw new DefinitionValidationException(definitionId, problems);
            }

            var candidate = latest with { Pins = pins };
            await RunGatesAsync(candidate, content, ct);
            var published = Publish(candidate, model);
            var changes = versions.Where(v => v.IsPublished && v.Id != latest.Id).Select(v => Unpublish(v)).Append(published).ToList();
            await _store.SaveAsync(changes, content, null, ct);
            return (published, false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Unpublishes the published version; running instances keep running on it.</summary>
    public async Task<DefinitionVersion> RetractAsync(string definitionId, CancellationToken ct = default)
    {
        var versions = await _store.ListVersionsAsync(definitionId, ct);
        var published = versions.FirstOrDefault(v => v.IsPublished)
            ?? throw new WorkflowNotFoundException($"workflow '{definitionId}' has no published version to retract");
        var retracted = Unpublish(published) with { IsRetracted = true };
        await _store.SaveAsync([retracted], [], null, ct);
        return retracted;
    }

    public Task<IReadOnlyList<DefinitionVersion>> ListVersionsAsync(string definitionId, CancellationToken ct = default) =>
        _store.ListVersionsAsync(definitionId, ct);

    public async Task<DefinitionVersion?> GetAsync(string definitionId, VersionOptions options, CancellationToken ct = default) =>
        VersionSelector.Select(await _store.ListVersionsAsync(definitionId, ct), options);

    public async Task<DefinitionVersion?> GetVersionAsync(string definitionId, int version, CancellationToken ct = default) =>
        (await _store.ListVersionsAsync(definitionId, ct)).FirstOrDefault(v => v.Version == version);

    public Task<DefinitionVersion?> GetByIdAsync(string id, CancellationToken ct = default) => _store.FindVersionAsync(id, ct);

    /// <summary>The latest version of every definition of a region (null: all regions).</summary>
    public async Task<IReadOnlyList<DefinitionVersion>> ListLatestAsync(string? tenantId, CancellationToken ct = default) =>
        (await _store.ListAsync(tenantId, ct)).Where(v => v.IsLatest).OrderBy(v => v.DefinitionId, StringComparer.Ordinal).ToList();

    /// <summary>Imports a definition document: validated, saved and published; <paramref name="import"/> records the file it came from.</summary>
    public Task<DefinitionVersion> ImportAsync(string json, string? tenantId, Provenance provenance, FileImport? import = null, CancellationToken ct = default)
    {
        var model = WorkflowJson.ParseDefinition(json, provenance.FilePath ?? "import");
        if (tenantId is not null && string.IsNullOrWhiteSpace(model.TenantId))
        {
            model.TenantId = tenantId;
        }

        return SaveAsync(model, provenance, publish: true, import, ct);
    }

    /// <summary>The version's document as a file: Elsa 3 JSON, flags and version included.</summary>
    public async Task<string> ExportAsync(string versionId, CancellationToken ct = default)
    {
        var version = await _store.FindVersionAsync(versionId, ct) ?? throw new WorkflowNotFoundException($"definition version '{versionId}' does not exist");
        return version.Json;
    }

    /// <summary>The content hash a model would be stored under (lifecycle fields excluded).</summary>
    public static string HashOf(WorkflowDefinition model) =>
        ContentHash.OfJson(JsonNode.Parse(WorkflowJson.Serialize(model)), LifecycleFields);

    private async Task<DefinitionVersion> SaveAsync(WorkflowDefinition model, Provenance provenance, bool publish, FileImport? import, CancellationToken ct)
    {
        _validator.EnsureValid(model, provenance.FilePath ?? model.DefinitionId);
        if (string.IsNullOrWhiteSpace(model.TenantId))
        {
            throw new DefinitionValidationException(model.DefinitionId, [new ValidationProblem(null, "tenantId (the region code) is missing")]);
        }

        var gate = _locks.GetOrAdd(model.DefinitionId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            var versions = await _store.ListVersionsAsync(model.DefinitionId, ct);
            if (versions.Count > 0 && versions[0].TenantId != model.TenantId)
            {
                throw new DefinitionValidationException(model.DefinitionId, [new ValidationProblem(null, $"workflow '{model.DefinitionId}' belongs to region '{versions[0].TenantId}', not '{model.TenantId}'")]);
            }

            var (pins, content, problems) = await _pinner.PinAsync(model, model.TenantId, ct);
            if (problems.Count > 0)
            {
                throw new DefinitionValidationException(provenance.FilePath ?? model.DefinitionId, problems);
            }

            var now = _clock.GetUtcNow();
            var latest = versions.FirstOrDefault(v => v.IsLatest);
            var changes = new Dictionary<string, DefinitionVersion>(StringComparer.Ordinal);
            DefinitionVersion saved;
            if (latest is { IsPublished: false })
            {
                saved = Stamp(model, latest.Id, latest.Version, isPublished: false, latest.CreatedAt, provenance, pins);
            }
            else
            {
                var number = versions.Count == 0 ? 1 : versions.Max(v => v.Version) + 1;
                saved = Stamp(model, _ids.NewId(), number, isPublished: false, now, provenance, pins);
                if (latest is not null)
                {
                    changes[latest.Id] = WithLatest(latest, false);
                }
            }

            if (publish)
            {
                await RunGatesAsync(saved, content, ct);
                saved = Publish(saved, WorkflowJson.ParseDefinition(saved.Json));
                foreach (var previous in versions.Where(v => v.IsPublished && v.Id != saved.Id))
                {
                    changes[previous.Id] = Unpublish(changes.GetValueOrDefault(previous.Id) ?? previous);
                }
            }

            changes[saved.Id] = saved;
            await _store.SaveAsync([.. changes.Values], content, import is null ? null : import with { DefinitionId = saved.DefinitionId, Version = saved.Version }, ct);
            return saved;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task RunGatesAsync(DefinitionVersion candidate, List<ContentBlob> content, CancellationToken ct)
    {
        if (_gates.Any() && content.Count > 0)
        {
            // Pinned content is immutable and addressed by hash: stored first, so a gate can run the candidate.
            await _store.SaveAsync([], content, null, ct);
        }

        var problems = new List<string>();
        foreach (var gate in _gates)
        {
            problems.AddRange(await gate.CheckAsync(candidate, ct));
        }

        if (problems.Count > 0)
        {
            throw new PublishRefusedException(candidate.DefinitionId, problems);
        }
    }

    private DefinitionVersion Stamp(WorkflowDefinition model, string id, int number, bool isPublished, DateTimeOffset createdAt, Provenance provenance, PolicyPins pins)
    {
        model.Id = id;
        model.Version = number;
        model.IsLatest = true;
        model.IsPublished = isPublished;
        model.CreatedAt = createdAt;
        return new DefinitionVersion
        {
            Id = id,
            DefinitionId = model.DefinitionId,
            TenantId = model.TenantId!,
            Name = model.Name,
            Version = number,
            IsLatest = true,
            IsPublished = isPublished,
            Json = WorkflowJson.Serialize(model),
            ContentHash = HashOf(model),
            Provenance = provenance,
            Pins = pins,
            CreatedAt = createdAt,
        };
    }

    private DefinitionVersion Publish(DefinitionVersion version, WorkflowDefinition model)
    {
        model.IsPublished = true;
        model.IsLatest = version.IsLatest;
        return version with { IsPublished = true, IsRetracted = false, PublishedAt = _clock.GetUtcNow(), Json = WorkflowJson.Serialize(model) };
    }

    private static DefinitionVersion Unpublish(DefinitionVersion version) => Rewrite(version, isLatest: version.IsLatest, isPublished: false);

    private static DefinitionVersion WithLatest(DefinitionVersion version, bool isLatest) => Rewrite(version, isLatest, version.IsPublished);

    private static DefinitionVersion Rewrite(DefinitionVersion version, bool isLatest, bool isPublished)
    {
        var model = WorkflowJson.ParseDefinition(version.Json, version.DefinitionId);
        model.IsLatest = isLatest;
        model.IsPublished = isPublished;
        return version with { IsLatest = isLatest, IsPublished = isPublished, Json = WorkflowJson.Serialize(model) };
    }
}
