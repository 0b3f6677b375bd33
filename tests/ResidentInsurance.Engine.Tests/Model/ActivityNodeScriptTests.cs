using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Model;

namespace ResidentInsurance.Engine.Tests.Model;

/// <summary>A node's inputs are read once (the same script string, the same expression each time), and a changed input is read again.</summary>
public sealed class ActivityNodeScriptTests
{
    [Fact]
    public void A_javascript_input_is_read_once_and_read_again_after_it_changes()
    {
        var node = new ActivityNode { Id = "decide", Type = "Elsa.FlowDecision" };
        node.SetInput("condition", "Boolean", ExpressionTypes.JavaScript, JsonValue.Create("variables.policyResult.accepted === true"));
        node.SetInput("title", "String", ExpressionTypes.Literal, JsonValue.Create("not a script"));

        var first = node.ScriptOf("condition");
        Assert.Equal("variables.policyResult.accepted === true", first);
        Assert.Same(first, node.ScriptOf("condition"));
        Assert.Null(node.ScriptOf("title"));
        Assert.Null(node.ScriptOf("missing"));

        node.SetInput("condition", "Boolean", ExpressionTypes.JavaScript, JsonValue.Create("false"));
        Assert.Equal("false", node.ScriptOf("condition"));
    }

    [Fact]
    public void An_input_s_expression_is_read_once_and_read_again_after_it_changes()
    {
        var node = new ActivityNode { Id = "task", Type = "ResidentInsurance.DepartmentTask" };
        node.SetInput("outcomes", "String[]", ExpressionTypes.Object, JsonValue.Create("[\"已代缴\",\"不符合资助条件\"]"));

        var first = node.ExpressionOf("outcomes");
        Assert.Equal(ExpressionTypes.Object, first!.ExpressionType);
        Assert.Same(first, node.ExpressionOf("outcomes"));
        Assert.Null(node.ExpressionOf("missing"));

        node.SetInput("outcomes", "String[]", ExpressionTypes.Object, JsonValue.Create("[\"通过\"]"));
        Assert.Equal("[\"通过\"]", node.ExpressionOf("outcomes")!.ScriptSource);
    }
}
