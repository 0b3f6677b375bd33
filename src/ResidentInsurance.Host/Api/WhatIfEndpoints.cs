using System.Globalization;
using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Definitions;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Host.Access;
using ResidentInsurance.Host.Logging;
using ResidentInsurance.Host.Rosters;
using ResidentInsurance.Persistence.Access;
using ResidentInsurance.Simulation;

namespace ResidentInsurance.Host.Api;

/// <summary>
/// Population what-if: a roster — contract cases as JSON, or a 花名册 workbook with the benefit year and payment date
/// as parameters — through a region's draft and its published version side by side, before anyone publishes.
/// Only the region's policy administrators run it; each run is audited.
/// </summary>
internal static class WhatIfEndpoints
{
    public static void MapWhatIfEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/definitions/{definitionId}/what-if", async (string definitionId, int? version, int? benefitYear, string? paidOn, HttpRequest request,
            Caller caller, DefinitionService definitions, PopulationWhatIf whatIf, IAccessStore audit, TimeProvider clock, CancellationToken ct) =>
        {
            var versions = await definitions.ListVersionsAsync(definitionId, ct);
            var tenant = versions.FirstOrDefault()?.TenantId;
            caller.RequirePolicyAdmin(tenant, "definition.what-if", definitionId);
            if (tenant is null)
            {
                return Results.Problem(title: "工作流不存在", detail: $"workflow '{definitionId}' does not exist", statusCode: 404);
            }

            var action = ContractCodes.ActionOf(tenant, definitionId);
            if (action is null)
            {
                return Problem("definitionId", $"a what-if runs a region's enrollment or refund process ({tenant}-enrollment, {tenant}-refund), not '{definitionId}'");
            }

            var candidate = version is { } n ? versions.FirstOrDefault(v => v.Version == n) : versions.FirstOrDefault(v => v.IsLatest);
            if (candidate is null)
            {
                return Results.Problem(title: "工作流不存在", detail: $"workflow '{definitionId}' has no version {version}", statusCode: 404);
            }

            IReadOnlyList<JsonObject> cases;
            using (var body = new MemoryStream())
            {
                var isWorkbook = request.HasFormContentType || request.ContentType?.Contains("spreadsheetml", StringComparison.OrdinalIgnoreCase) == true;
                if (request.HasFormContentType)
                {
                    var form = await request.ReadFormAsync(ct);
                    if (form.Files.FirstOrDefault() is not { } file)
                    {
                        return Problem("file", "the form carries no file");
                    }

                    await file.CopyToAsync(body, ct);
                }
                else
                {
                    await request.Body.CopyToAsync(body, ct);
                }

                body.Position = 0;
                try
                {
                    cases = isWorkbook ? FromWorkbook(body, tenant, action, benefitYear, paidOn) : CaseReader.Read(new StreamReader(body).ReadToEnd()).Cases;
                }
                catch (CaseValidationException ex)
                {
                    return Problem(ex.Path, ex.Message);
                }
                catch (RosterRejectedException ex)
                {
                    return Results.Problem(title: "花名册有误", detail: string.Join("；", ex.Errors.Take(20).Select(e => $"第 {e.Row} 行 {e.Column}：{e.Message}")), statusCode: 400,
                        extensions: new Dictionary<string, object?> { ["rows"] = ex.Errors });
                }
            }

            for (var i = 0; i < cases.Count; i++)
            {
                if (cases[i]["region"]!.GetValue<string>() != tenant || cases[i]["action"]!.GetValue<string>() != action)
                {
                    return Problem($"[{i}].region", $"every case is for region '{tenant}' and action '{action}' ({definitionId})");
                }
            }

            if (cases.Count is 0 or > PopulationWhatIf.MaxPeople)
            {
                return Problem("body", $"a what-if takes 1 to {PopulationWhatIf.MaxPeople} people, got {cases.Count}");
            }

            var result = await whatIf.CompareAsync(cases, candidate, IdNumberMasking.Mask, ct: ct);
            await audit.AppendAuditAsync(new AuditEntry(0, clock.GetUtcNow(), caller.UserName, tenant, "definition.what-if", $"{definitionId} v{candidate.Version}", "allowed",
                $"{cases.Count} 人，{result["changedCount"]} 人结果变化"), ct);
            return Results.Ok(result);
        }).WithTags("Definitions").DisableAntiforgery();
    }

    /// <summary>A 花名册 as cases: one person per ID number, every category they are listed under as an identity.</summary>
    private static List<JsonObject> FromWorkbook(Stream xlsx, string region, string action, int? benefitYear, string? paidOn)
    {
        if (benefitYear is null)
        {
            throw new CaseValidationException("benefitYear", "a roster what-if needs the benefit year (?benefitYear=2021)");
        }

        if (action == "enroll" && !DateOnly.TryParseExact(paidOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            throw new CaseValidationException("paidOn", "a roster what-if of an enrollment needs the payment date (?paidOn=2021-02-10)");
        }

        var import = RosterWorkbook.Read(xlsx);
        if (!import.Accepted)
        {
            throw new RosterRejectedException(import.Errors);
        }

        var people = new JsonArray();
        foreach (var person in import.Rows.Where(r => r.Change != "remove").GroupBy(r => r.IdNumber, StringComparer.Ordinal))
        {
            var first = person.First();
            people.Add(new JsonObject
            {
                ["region"] = region, ["benefitYear"] = benefitYear, ["action"] = action, ["paidOn"] = paidOn,
                ["person"] = new JsonObject
                {
                    ["idNumber"] = first.IdNumber, ["name"] = first.Name,
                    ["birthDate"] = $"{first.IdNumber[6..10]}-{first.IdNumber[10..12]}-{first.IdNumber[12..14]}",
                    ["identities"] = new JsonArray([.. person.Select(r => (JsonNode)new JsonObject
                    {
                        ["code"] = r.Identity, ["recognizedOn"] = r.RecognizedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    })]),
                },
            });
        }

        return [.. CaseReader.Read(people.ToJsonString()).Cases];
    }

    private sealed class RosterRejectedException(IReadOnlyList<RosterWorkbook.RowError> errors) : Exception("the roster has errors")
    {
        public IReadOnlyList<RosterWorkbook.RowError> Errors { get; } = errors;
    }

    private static IResult Problem(string field, string detail) =>
        Results.Problem(title: "请求有误", detail: detail, statusCode: 400, extensions: new Dictionary<string, object?> { ["field"] = field });
}
