using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Engine.Serialization;

namespace ResidentInsurance.Engine.Definitions;

/// <summary>
/// Loads the shipped definitions from <c>workflows/</c>. A file is compared with the fingerprint of its
/// <b>own last import</b> (file bytes plus the policy resources it pins), never with the latest
/// version, so an edit published in the designer survives a restart; a changed file becomes a new
/// published version. Region, parameter, policy and case files are recognised by place and kind and
/// never parsed as definitions. One bad file is reported and the others still load.
/// </summary>
public sealed class WorkflowDirectoryLoader(
    DefinitionService definitions,
    IDefinitionStore store,
    IPolicyResources resources,
    TimeProvider clock,
    ILogger<WorkflowDirectoryLoader> logger)
{
    private static readonly string[] NonDefinitionFolders = ["regions", "cases", "policies", "parameters", "campaigns"];

    public async Task<WorkflowImportReport> LoadAsync(string root, CancellationToken ct = default)
    {
        var report = new WorkflowImportReport();
        if (!Directory.Exists(root))
        {
            logger.LogWarning("Workflow folder {Root} does not exist: nothing loaded", root);
            return report;
        }

        var full = Path.GetFullPath(root);
        foreach (var path in Directory.EnumerateFiles(full, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(full, path).Replace('\\', '/');
            var segments = relative.Split('/');
            if (segments[..^1].Any(s => NonDefinitionFolders.Contains(s, StringComparer.Ordinal)))
            {
                continue;
            }

            try
            {
                await LoadFileAsync(path, relative, segments, report, ct);
            }
            catch (DefinitionValidationException ex)
            {
                report.Failed.Add(new(relative, ex.Problems.Select(p => p.ToString()).ToList()));
                logger.LogError("Workflow file {Path} was not loaded: {Problems}", relative, ex.Message);
            }
            catch (PublishRefusedException ex)
            {
                report.Failed.Add(new(relative, ex.Problems));
                logger.LogError("Workflow file {Path} was not published: {Message}", relative, ex.Message);
            }
        }

        logger.LogInformation("Workflows from {Root}: {Imported} imported, {Unchanged} unchanged, {Failed} failed",
            root, report.Imported.Count, report.Unchanged.Count, report.Failed.Count);
        return report;
    }

    private async Task LoadFileAsync(string path, string relative, string[] segments, WorkflowImportReport report, CancellationToken ct)
    {
        var bytes = await File.ReadAllBytesAsync(path, ct);
        var text = Encoding.UTF8.GetString(bytes);
        if (!LooksLikeDefinition(text))
        {
            report.Skipped.Add(relative);
            return;
        }

        var model = WorkflowJson.ParseDefinition(text, relative);
        var tenantId = string.IsNullOrWhiteSpace(model.TenantId) ? (segments.Length > 1 ? segments[0] : null) : model.TenantId;
        if (tenantId is null)
        {
            throw new DefinitionValidationException(relative, [new ValidationProblem(null, "no tenantId in the file and no region folder around it (workflows/<region>/…)")]);
        }

        var fingerprint = await FingerprintAsync(bytes, model, tenantId, ct);
        var last = await store.FindImportAsync(relative, ct);
        if (last is not null && last.FileHash == fingerprint)
        {
            report.Unchanged.Add(relative);
            return;
        }

        var provenance = new Provenance(Provenance.File, "workflows-loader", clock.GetUtcNow(), FilePath: relative, FileHash: ContentHash.Of(bytes));
        var import = new FileImport(relative, fingerprint, model.DefinitionId, 0, clock.GetUtcNow());
        var version = await definitions.ImportAsync(text, tenantId, provenance, import, ct);
        report.Imported.Add(new(relative, version.DefinitionId, version.Version));
    }

    /// <summary>The file's bytes and the texts of the resources it would pin: a change to either is a new version.</summary>
    private async Task<string> FingerprintAsync(byte[] bytes, Model.WorkflowDefinition model, string tenantId, CancellationToken ct)
    {
        var builder = new StringBuilder(ContentHash.Of(bytes));
        foreach (var name in (model.Root.Activities ?? []).Where(a => a.Type == PolicyPinner.EvaluatePolicyType)
                     .Select(a => Model.InputExpression.From(a.GetProperty("policy"))?.Value)
                     .OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>()).Distinct().Order(StringComparer.Ordinal))
        {
            builder.Append('|').Append(name).Append('=').Append(ContentHash.Of(await resources.GetScriptAsync(tenantId, name, ct) ?? ""));
        }

        builder.Append("|params=").Append(ContentHash.Of(await resources.GetParametersAsync(tenantId, ct) ?? ""));
        return ContentHash.Of(builder.ToString());
    }

    /// <summary>A definition has a root flowchart; anything declaring another <c>kind</c> is not one.</summary>
    private static bool LooksLikeDefinition(string text)
    {
        try
        {
            var node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (node is not JsonObject obj)
            {
                return false;
            }

            if (obj["kind"] is JsonValue kind && kind.GetValueKind() == JsonValueKind.String && kind.GetValue<string>() != "workflow-definition")
            {
                return false;
            }

            return obj.ContainsKey("root") || obj.ContainsKey("definitionId");
        }
        catch (JsonException)
        {
            // Malformed: let the parser name the line and position.
            return true;
        }
    }
}

/// <summary>What a load did, file by file.</summary>
public sealed class WorkflowImportReport
{
    public List<ImportedFile> Imported { get; } = [];

    public List<string> Unchanged { get; } = [];

    public List<string> Skipped { get; } = [];

    public List<FailedFile> Failed { get; } = [];
}

public sealed record ImportedFile(string Path, string DefinitionId, int Version);

public sealed record FailedFile(string Path, IReadOnlyList<string> Problems);
