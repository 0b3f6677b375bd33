using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Activities;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Runtime;

namespace ResidentInsurance.Simulation;

/// <summary>
/// "What would happen to this person?": a dry run of the region's published enrollment or refund
/// definition for one validated case. Waits are answered from the case (the payment notice carries
/// <c>paidOn</c>, a department task takes its default outcome, timers pass); nothing is written.
/// The definition leaves the contract's result, in fen, in its <c>policyResult</c> variable; the
/// answer is the contract's result in yuan.
/// </summary>
public sealed class PolicySimulator(WorkflowRuntime runtime, IDefinitionStore definitions, IPolicyResources resources)
{
    public const string ResultVariable = "policyResult";

    public async Task<JsonObject> SimulateAsync(JsonObject normalisedCase, CancellationToken ct = default)
    {
        var region = normalisedCase["region"]!.GetValue<string>();
        var action = normalisedCase["action"]!.GetValue<string>();
        var definitionId = ContractCodes.DefinitionIdFor(region, action);
        var versions = await definitions.ListVersionHeadsAsync(definitionId, ct);
        if (versions.Count == 0 && (await definitions.ListAsync(region, ct)).Count == 0 && await resources.GetParametersAsync(region, ct) is null)
        {
            throw new UnknownRegionException(region);
        }

        if (!versions.Any(v => v.IsPublished))
        {
            throw new NoPublishedDefinitionException(region, definitionId);
        }

        return await RunAsync(new StartWorkflowRequest(definitionId) { Input = (JsonObject)normalisedCase.DeepClone() }, normalisedCase, ct);
    }

    /// <summary>The same dry run on a version not published yet (a publish gate checking a draft).</summary>
    public Task<JsonObject> SimulateCandidateAsync(JsonObject normalisedCase, DefinitionVersion candidate, CancellationToken ct = default) =>
        RunAsync(CandidateRequest(normalisedCase, candidate), normalisedCase, ct);

    /// <summary>
    /// The dry run itself, as the engine answers it (instance, journal, incidents) with nothing converted or checked:
    /// for tracing one activity of a version against a case (the designer's Test tab).
    /// </summary>
    public Task<RunResult> TraceCandidateAsync(JsonObject normalisedCase, DefinitionVersion candidate, CancellationToken ct = default) =>
        DryRunAsync(CandidateRequest(normalisedCase, candidate), normalisedCase, ct);

    private static StartWorkflowRequest CandidateRequest(JsonObject normalisedCase, DefinitionVersion candidate) =>
        new(candidate.DefinitionId) { Input = (JsonObject)normalisedCase.DeepClone(), Candidate = candidate };

    private Task<RunResult> DryRunAsync(StartWorkflowRequest request, JsonObject normalisedCase, CancellationToken ct) =>
        runtime.StartAsync(request with { Options = new RunOptions { DryRun = true, WaitResponder = wait => Answer(wait, normalisedCase) } }, ct);

    private async Task<JsonObject> RunAsync(StartWorkflowRequest request, JsonObject normalisedCase, CancellationToken ct)
    {
        var definitionId = request.DefinitionId;
        var run = await DryRunAsync(request, normalisedCase, ct);

        var instance = run.Instance;
        if (instance.Status == WorkflowStatus.Faulted)
        {
            var incident = instance.Incidents.LastOrDefault();
            throw new SimulationFailedException($"{definitionId} v{instance.Version} faulted in {incident?.ActivityId}: {incident?.Message}");
        }

        if (instance.Variables[ResultVariable] is not JsonObject result)
        {
            throw new SimulationFailedException($"{definitionId} v{instance.Version} left no '{ResultVariable}' variable (status {instance.Status})");
        }

        return ToContract(result, instance);
    }

    /// <summary>Answers a wait of the dry run from the case.</summary>
    private static JsonObject? Answer(WaitRequest wait, JsonObject normalisedCase)
    {
        if (wait.ActivityType is "Elsa.Delay" or "Elsa.StartAt" or "Elsa.Timer")
        {
            return [];
        }

        if (wait.Name == DepartmentTaskNames.Bookmark)
        {
            var outcome = wait.Payload?["defaultOutcome"]?.GetValue<string>()
                ?? (wait.Payload?["outcomes"] as JsonArray)?.FirstOrDefault()?.GetValue<string>();
            return new JsonObject { ["outcome"] = outcome, ["completedBy"] = "simulation" };
        }

        return new JsonObject
        {
            ["paidOn"] = normalisedCase["paidOn"]?.DeepClone(),
            ["paidAmount"] = normalisedCase["paidAmount"]?.DeepClone(),
            ["requestedOn"] = normalisedCase["requestedOn"]?.DeepClone(),
            ["transactionId"] = "simulation",
        };
    }

    /// <summary>The contract's result: amounts from fen to yuan with two decimals, field order as documented.</summary>
    internal static JsonObject ToContract(JsonObject r, WorkflowInstance instance) => new()
    {
        ["accepted"] = r["accepted"]?.GetValue<bool>() ?? false,
        ["reason"] = r["reason"]?.DeepClone(),
        ["message"] = r["message"]?.DeepClone(),
        ["personalStandard"] = Yuan(r["personalStandardFen"]),
        ["amountDue"] = Yuan(r["amountDueFen"]),
        ["subsidy"] = r["subsidy"] is JsonObject s
            ? new JsonObject { ["identity"] = s["identity"]?.DeepClone(), ["amount"] = Yuan(s["amountFen"]), ["mode"] = s["mode"]?.DeepClone(), ["fund"] = s["fund"]?.DeepClone() }
            : null,
        ["evidence"] = new JsonArray([.. (r["evidence"] as JsonArray ?? []).OfType<JsonObject>().Select(e => (JsonNode)new JsonObject
        {
            ["identity"] = e["identity"]?.DeepClone(),
            ["amount"] = Yuan(e["amountFen"]),
            ["outcome"] = e["outcome"]?.DeepClone(),
            ["why"] = e["why"]?.DeepClone(),
        })]),
        ["benefitStart"] = r["benefitStart"]?.DeepClone(),
        ["benefitEnd"] = r["benefitEnd"]?.DeepClone(),
        ["refundAmount"] = Yuan(r["refundAmountFen"]),
        ["missingParameters"] = r["missingParameters"]?.DeepClone() ?? new JsonArray(),
        ["workflow"] = new JsonObject { ["definitionId"] = instance.DefinitionId, ["version"] = instance.Version },
    };

    /// <summary>Integer fen to a yuan amount written with two decimals (16000 → 160.00); null stays null.</summary>
    internal static JsonNode? Yuan(JsonNode? fen)
    {
        if (fen is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }

        var amount = v.GetValue<decimal>();
        if (amount != decimal.Truncate(amount))
        {
            throw new SimulationFailedException($"an amount in fen must be a whole number, got {amount}");
        }

        return JsonNode.Parse((amount / 100m).ToString("0.00", CultureInfo.InvariantCulture));
    }
}
