using Microsoft.Extensions.DependencyInjection;
using ResidentInsurance.Engine.Activities;
using ResidentInsurance.Engine.Descriptors;
using ResidentInsurance.Engine.Tests.Support;

namespace ResidentInsurance.Engine.Tests.Definitions;

/// <summary>Descriptors come from the activity classes: what the designer's palette and property panels show.</summary>
public sealed class DescriptorTests
{
    private static ActivityRegistry Registry(EngineHarness engine) => engine.Services.GetRequiredService<ActivityRegistry>();

    [Fact]
    public void Every_built_in_activity_has_a_versioned_descriptor_with_a_Chinese_name_and_category()
    {
        using var engine = new EngineHarness();
        var descriptors = Registry(engine).LatestDescriptors.ToList();

        Assert.Equal(EngineServiceCollectionExtensions.BuiltInActivities().Count, descriptors.Count);
        Assert.All(descriptors, d =>
        {
            Assert.True(d.Version >= 1);
            Assert.Contains(d.DisplayName, c => c >= '\u4e00' && c <= '\u9fff');
            Assert.Contains(d.Category, c => c >= '\u4e00' && c <= '\u9fff');
            Assert.Contains('.', d.TypeName);
        });
        Assert.Contains(descriptors, d => d.TypeName.StartsWith("Elsa.", StringComparison.Ordinal));
        Assert.Contains(descriptors, d => d.Namespace == "ResidentInsurance");
    }

    [Fact]
    public void DepartmentTask_declares_dynamic_outcomes_and_a_department_dropdown()
    {
        using var engine = new EngineHarness();
        var task = Registry(engine).FindLatest("ResidentInsurance.DepartmentTask")!;

        Assert.Equal(("部门任务", "Task"), (task.DisplayName, task.Kind));
        Assert.Equal("outcomes", task.DynamicOutcomesFrom);
        Assert.Equal(UIHints.DynamicOutcomes, task.FindInput("outcomes")!.UIHint);
        Assert.Equal(("departments", UIHints.Dropdown), (task.FindInput("department")!.OptionsProvider, task.FindInput("department")!.UIHint));
        Assert.Equal("result", Assert.Single(task.Outputs).Name);
        Assert.Contains(Departments.All, d => d.Code == "civil_affairs" && d.Name == "民政");
    }

    [Fact]
    public void FlowDecision_has_True_and_False_ports_and_a_JavaScript_condition()
    {
        using var engine = new EngineHarness();
        var decision = Registry(engine).Find("Elsa.FlowDecision", 1)!;

        Assert.Equal(["True", "False"], decision.Outcomes);
        Assert.Equal(("JavaScript", true), (decision.FindInput("condition")!.DefaultSyntax, decision.FindInput("condition")!.Required));
    }
}
