using System.Collections.Concurrent;
using ResidentInsurance.Engine.Execution;
using ResidentInsurance.Engine.Serialization;

namespace ResidentInsurance.Engine.Runtime;

/// <summary>Parsed graphs by version id. A published version never changes; a draft's entry is keyed by its content hash too.</summary>
internal sealed class WorkflowGraphCache
{
    private const int MaxEntries = 1024;
    private readonly ConcurrentDictionary<(string Id, string Hash), WorkflowGraph> _graphs = new();

    public WorkflowGraph Get(DefinitionVersion version)
    {
        var key = (version.Id, version.ContentHash);
        if (_graphs.TryGetValue(key, out var graph))
        {
            return graph;
        }

        if (_graphs.Count >= MaxEntries)
        {
            _graphs.Clear();
        }

        graph = new WorkflowGraph(WorkflowJson.ParseDefinition(version.Json, $"{version.DefinitionId} v{version.Version}"));
        _graphs[key] = graph;
        return graph;
    }
}
