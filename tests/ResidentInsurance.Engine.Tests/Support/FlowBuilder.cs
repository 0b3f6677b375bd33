using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Model;

namespace ResidentInsurance.Engine.Tests.Support;

/// <summary>Builds small Elsa-shaped definitions for activity unit tests (scenarios use JSON files).</summary>
internal sealed class FlowBuilder(string definitionId, string tenantId = "test")
{
    private readonly List<ActivityNode> _activities = [];
    private readonly List<FlowConnection> _connections = [];
    private readonly List<VariableDefinition> _variables = [];

    public FlowBuilder Activity(string id, string type, params (string Name, string Syntax, JsonNode? Value)[] inputs)
    {
        var node = new ActivityNode { Id = id, Type = type, NodeId = $"Workflow1:{id}" };
        foreach (var (name, syntax, value) in inputs)
        {
            node.SetInput(name, "Object", syntax, value);
        }

        _activities.Add(node);
        return this;
    }

    /// <summary>Sets a property as is (Elsa writes FlowSwitch cases and SetVariable's variable unwrapped).</summary>
    public FlowBuilder Raw(string id, string property, JsonNode value)
    {
        var node = _activities.Single(a => a.Id == id);
        node.SetProperty(property, value);
        return this;
    }

    public FlowBuilder Connect(string from, string to, string port = "Done")
    {
        _connections.Add(new FlowConnection { Source = new FlowEndpoint { Activity = from, Port = port }, Target = new FlowEndpoint { Activity = to, Port = "In" } });
        return this;
    }

    public FlowBuilder Variable(string name, string typeName = "Object", string? initial = null)
    {
        _variables.Add(new VariableDefinition { Id = name + "-id", Name = name, TypeName = typeName, Value = initial is null ? null : JsonValue.Create(initial) });
        return this;
    }

    public WorkflowDefinition Build() => new()
    {
        DefinitionId = definitionId,
        TenantId = tenantId,
        Name = definitionId,
        Variables = _variables,
        Root = new ActivityNode { Id = "flowchart1", Type = "Elsa.Flowchart", Activities = _activities, Connections = _connections },
    };

    public static (string, string, JsonNode?) Js(string name, string script) => (name, ExpressionTypes.JavaScript, JsonValue.Create(script));

    public static (string, string, JsonNode?) Lit(string name, string value) => (name, ExpressionTypes.Literal, JsonValue.Create(value));

    public static (string, string, JsonNode?) Obj(string name, string json) => (name, ExpressionTypes.Object, JsonValue.Create(json));

    /// <summary>Binds an activity output to a variable, as Elsa does: {typeName, memoryReference: {id}}.</summary>
    public static JsonObject OutputTo(string variableId) => new() { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = variableId } };
}
