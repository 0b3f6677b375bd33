using ResidentInsurance.Engine.Model;

namespace ResidentInsurance.Engine.Execution;

/// <summary>
/// A definition's root flowchart compiled for execution: activities by id, connections by source and
/// target, and the start activity. Built once per definition version and shared (read-only).
/// </summary>
public sealed class WorkflowGraph
{
    private readonly Dictionary<string, ActivityNode> _activities;
    private readonly Dictionary<string, List<FlowConnection>> _outbound;
    private readonly Dictionary<string, List<FlowConnection>> _inbound;
    private readonly Dictionary<string, string> _variableNames;
    private readonly Dictionary<string, HashSet<string>> _ancestors = new(StringComparer.Ordinal);

    public WorkflowGraph(WorkflowDefinition definition)
    {
        Definition = definition;
        var nodes = definition.Root.Activities ?? [];
        _activities = nodes.GroupBy(a => a.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var connections = definition.Root.Connections ?? [];
        _outbound = connections.GroupBy(c => c.Source.Activity, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        _inbound = connections.GroupBy(c => c.Target.Activity, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        _variableNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in (definition.Variables ?? []).OfType<VariableDefinition>())
        {
            _variableNames.TryAdd(variable.Name, variable.Name);
            if (!string.IsNullOrEmpty(variable.Id))
            {
                _variableNames.TryAdd(variable.Id, variable.Name);
            }
        }

        StartActivities = FindStart(nodes);
    }

    public WorkflowDefinition Definition { get; }

    public IReadOnlyList<ActivityNode> StartActivities { get; }

    public ActivityNode? Find(string id) => _activities.GetValueOrDefault(id);

    public IReadOnlyList<FlowConnection> Outbound(string id) => _outbound.TryGetValue(id, out var list) ? list : [];

    public IReadOnlyList<FlowConnection> Inbound(string id) => _inbound.TryGetValue(id, out var list) ? list : [];

    /// <summary>The variable name for a name or an Elsa variable id; null when none is declared.</summary>
    public string? ResolveVariableName(string nameOrId) => _variableNames.GetValueOrDefault(nameOrId);

    /// <summary>Activities from which <paramref name="id"/> can be reached (used by a wait-any join to cancel the others).</summary>
    public IReadOnlySet<string> AncestorsOf(string id)
    {
        lock (_ancestors)
        {
            if (_ancestors.TryGetValue(id, out var cached))
            {
                return cached;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            var stack = new Stack<string>([id]);
            while (stack.Count > 0)
            {
                foreach (var connection in Inbound(stack.Pop()))
                {
                    if (seen.Add(connection.Source.Activity))
                    {
                        stack.Push(connection.Source.Activity);
                    }
                }
            }

            seen.Remove(id);
            _ancestors[id] = seen;
            return seen;
        }
    }

    /// <summary>
    /// Elsa's rule: an Elsa.Start activity if there is one, else activities flagged canStartWorkflow,
    /// else the first activity with no inbound connection.
    /// </summary>
    private List<ActivityNode> FindStart(List<ActivityNode> nodes)
    {
        var start = nodes.Where(n => n.Type == "Elsa.Start").Take(1).ToList();
        if (start.Count > 0)
        {
            return start;
        }

        var flagged = nodes.Where(n => n.CanStartWorkflow).ToList();
        if (flagged.Count > 0)
        {
            return flagged;
        }

        return nodes.Where(n => !_inbound.ContainsKey(n.Id)).Take(1).ToList();
    }
}
