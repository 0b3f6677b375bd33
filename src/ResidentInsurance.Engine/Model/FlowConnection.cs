using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResidentInsurance.Engine.Model;

/// <summary>A flowchart edge: <c>{source: {activity, port}, target: {activity, port}, vertices: []}</c>.</summary>
public sealed class FlowConnection
{
    public FlowEndpoint Source { get; set; } = new();

    public FlowEndpoint Target { get; set; } = new();

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonArray? Vertices { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>One end of a connection: the activity id and the port (outcome) name.</summary>
public sealed class FlowEndpoint
{
    public string Activity { get; set; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Port { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
