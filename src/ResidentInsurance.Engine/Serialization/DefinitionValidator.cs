using System.Text.Json;
using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Activities.Elsa;
using ResidentInsurance.Engine.Descriptors;
using ResidentInsurance.Engine.Model;

namespace ResidentInsurance.Engine.Serialization;

/// <summary>
/// Checks a definition before it is stored or run, and reports every problem at once, each with its
/// activity id: duplicate ids, unknown types or type versions, dangling connections, unknown ports,
/// missing required inputs, unknown expression syntaxes, duplicate variables.
/// </summary>
public sealed class DefinitionValidator(ActivityRegistry registry)
{
    public IReadOnlyList<ValidationProblem> Validate(WorkflowDefinition definition)
    {
        var problems = new List<ValidationProblem>();
        if (string.IsNullOrWhiteSpace(definition.DefinitionId))
        {
            problems.Add(new(null, "definitionId is missing"));
        }

        // A hand-edited or hostile file can hold nulls where the model has none: each is a problem named, never a crash.
        var variables = (definition.Variables ?? []).ToList();
        if (variables.Any(v => v is null))
        {
            problems.Add(new(null, "a variable is null"));
        }

        foreach (var duplicate in variables.OfType<Model.VariableDefinition>().Where(v => v.Name is not null).GroupBy(v => v.Name).Where(g => g.Count() > 1))
        {
            problems.Add(new(null, $"variable '{duplicate.Key}' is declared {duplicate.Count()} times"));
        }

        foreach (var unnamed in variables.OfType<Model.VariableDefinition>().Where(v => string.IsNullOrWhiteSpace(v.Name)))
        {
            problems.Add(new(null, $"variable '{unnamed.Id}' has no name"));
        }

        if (definition.Root is not { } root)
        {
            problems.Add(new(null, "the definition has no root activity"));
            return problems;
        }

        if (root.Type != "Elsa.Flowchart")
        {
            problems.Add(new(root.Id, $"the root activity must be Elsa.Flowchart, not '{root.Type}'"));
            return problems;
        }

        var activities = root.Activities ?? [];
        if (activities.Count == 0)
        {
            problems.Add(new(root.Id, "the flowchart has no activities"));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var ports = new Dictionary<string, IReadOnlySet<string>?>(StringComparer.Ordinal);
        foreach (var activity in activities)
        {
            if (activity is null)
            {
                problems.Add(new(root.Id, "an activity of the flowchart is null"));
                continue;
            }

            if (string.IsNullOrWhiteSpace(activity.Id))
            {
                problems.Add(new(null, $"an activity of type '{activity.Type}' has no id"));
                continue;
            }

            if (!ids.Add(activity.Id))
            {
                problems.Add(new(activity.Id, "duplicate activity id"));
                continue;
            }

            if (string.IsNullOrWhiteSpace(activity.Type))
            {
                problems.Add(new(activity.Id, "the activity has no type"));
                continue;
            }

            ports[activity.Id] = ValidateActivity(activity, problems);
        }

        foreach (var connection in root.Connections ?? [])
        {
            if (connection?.Source?.Activity is not { } source || connection.Target?.Activity is not { } target)
            {
                problems.Add(new(null, "a connection has no source or no target activity"));
                continue;
            }

            if (!ids.Contains(source))
            {
                problems.Add(new(source, $"connection from unknown activity '{source}' to '{target}'"));
            }

            if (!ids.Contains(target))
            {
                problems.Add(new(target, $"connection from '{source}' to unknown activity '{target}'"));
            }

            var port = connection.Source.Port ?? "Done";
            if (ports.TryGetValue(source, out var known) && known is not null && !known.Contains(port))
            {
                problems.Add(new(source, $"connection leaves from port '{port}', which the activity does not have (it has: {string.Join(", ", known.Order())})"));
            }
        }

        if (activities.Count > 0 && problems.Count == 0 && new Execution.WorkflowGraph(definition).StartActivities.Count == 0)
        {
            problems.Add(new(root.Id, "no start activity: add Elsa.Start, or leave one activity without inbound connections"));
        }

        return problems;
    }

    public void EnsureValid(WorkflowDefinition definition, string? source = null)
    {
        var problems = Validate(definition);
        if (problems.Count > 0)
        {
            throw new DefinitionValidationException(source ?? definition.DefinitionId, problems);
        }
    }

    /// <summary>Checks one activity; returns its ports, or null when they are computed at run time.</summary>
    private IReadOnlySet<string>? ValidateActivity(ActivityNode activity, List<ValidationProblem> problems)
    {
        if (activity.Type == "Elsa.Flowchart")
        {
            problems.Add(new(activity.Id, "nested flowcharts are not supported: place the activities in the root flowchart"));
            return null;
        }

        if (!registry.IsKnownType(activity.Type))
        {
            problems.Add(new(activity.Id, $"unknown activity type '{activity.Type}'"));
            return null;
        }

        var descriptor = registry.Find(activity.Type, activity.Version);
        if (descriptor is null)
        {
            problems.Add(new(activity.Id, $"activity type '{activity.Type}' has no version {activity.Version} (latest is {registry.FindLatest(activity.Type)!.Version})"));
            return null;
        }

        foreach (var input in descriptor.Inputs)
        {
            var property = activity.GetProperty(input.Name);
            if (input.IsWrapped && property is JsonObject wrapped && InputExpression.From(wrapped) is { } expression)
            {
                if (!ExpressionTypes.All.Contains(expression.ExpressionType))
                {
                    problems.Add(new(activity.Id, $"input '{input.Name}' uses expression type '{expression.ExpressionType}' (known: {string.Join(", ", ExpressionTypes.All)})"));
                }
                else if (input.Required && IsEmpty(expression.Value))
                {
                    problems.Add(new(activity.Id, $"required input '{input.Name}' ({input.DisplayName}) is empty"));
                }
            }
            else if (input.Required && input.DefaultValue is null && (property is null || IsEmpty(property)))
            {
                problems.Add(new(activity.Id, $"required input '{input.Name}' ({input.DisplayName}) is missing"));
            }
        }

        return PortsOf(activity, descriptor, problems);
    }

    private static IReadOnlySet<string>? PortsOf(ActivityNode activity, ActivityDescriptor descriptor, List<ValidationProblem> problems)
    {
        var ports = new HashSet<string>(descriptor.Outcomes, StringComparer.Ordinal);
        if (descriptor.DynamicOutcomesFrom is not { } from)
        {
            return ports;
        }

        if (activity.Type == "Elsa.FlowSwitch")
        {
            var labels = FlowSwitchActivity.ReadCases(activity).Select(c => c.Label).ToList();
            foreach (var duplicate in labels.GroupBy(l => l).Where(g => g.Count() > 1))
            {
                problems.Add(new(activity.Id, $"switch case label '{duplicate.Key}' is used {duplicate.Count()} times"));
            }

            ports.UnionWith(labels);
            return ports;
        }

        var expression = InputExpression.From(activity.GetProperty(from));
        if (expression is null || expression.ExpressionType == ExpressionTypes.JavaScript || expression.ExpressionType == ExpressionTypes.Variable)
        {
            return null;
        }

        try
        {
            ports.UnionWith(FlowForkActivity.ReadNames(expression.Value));
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            problems.Add(new(activity.Id, $"input '{from}' must be a JSON array of names: {ex.Message}"));
        }

        return ports;
    }

    private static bool IsEmpty(JsonNode? value) =>
        value is null || (value is JsonValue v && v.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(v.GetValue<string>()));
}
