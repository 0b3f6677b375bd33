using System.Text.Json;
using ResidentInsurance.Engine.Model;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Engine.Serialization;

namespace ResidentInsurance.Engine.Definitions;

/// <summary>
/// Resolves the policy scripts a definition names (EvaluatePolicy's literal <c>policy</c> input) and the
/// region's parameter document, and pins them by content hash.
/// </summary>
internal sealed class PolicyPinner(IPolicyResources resources)
{
    public const string EvaluatePolicyType = "ResidentInsurance.EvaluatePolicy";

    public async Task<(PolicyPins Pins, List<ContentBlob> Content, List<ValidationProblem> Problems)> PinAsync(WorkflowDefinition definition, string tenantId, CancellationToken ct)
    {
        var scripts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var content = new List<ContentBlob>();
        var problems = new List<ValidationProblem>();
        foreach (var node in definition.Root.Activities ?? [])
        {
            if (node.Type != EvaluatePolicyType)
            {
                continue;
            }

            var expression = InputExpression.From(node.GetProperty("policy"));
            if (expression is null || expression.ExpressionType != ExpressionTypes.Literal || expression.Value?.GetValueKind() != JsonValueKind.String)
            {
                problems.Add(new(node.Id, "the policy input must name a script literally, so the version can pin it"));
                continue;
            }

            var name = expression.Value.GetValue<string>();
            if (scripts.ContainsKey(name))
            {
                continue;
            }

            var text = await resources.GetScriptAsync(tenantId, name, ct);
            if (text is null)
            {
                problems.Add(new(node.Id, $"policy script '{name}' does not exist for region '{tenantId}'"));
                continue;
            }

            var hash = ContentHash.Of(text);
            scripts[name] = hash;
            content.Add(new ContentBlob(hash, "policy-script", text));
        }

        string? parametersHash = null;
        var parameters = await resources.GetParametersAsync(tenantId, ct);
        if (parameters is not null)
        {
            parametersHash = ContentHash.Of(parameters);
            content.Add(new ContentBlob(parametersHash, "region-parameters", parameters));
        }

        return (new PolicyPins(scripts, parametersHash), content, problems);
    }
}
