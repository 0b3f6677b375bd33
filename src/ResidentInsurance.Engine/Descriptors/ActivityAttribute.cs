namespace ResidentInsurance.Engine.Descriptors;

/// <summary>Declares an activity type: its Elsa type name, type version, category and Chinese display name.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityAttribute(string typeName, string category, string displayName) : Attribute
{
    public string TypeName { get; } = typeName;

    public string Category { get; } = category;

    public string DisplayName { get; } = displayName;

    public int Version { get; init; } = 1;

    public string Description { get; init; } = "";

    /// <summary>Elsa's kind: Action, Trigger, Task, Job.</summary>
    public string Kind { get; init; } = "Action";
}

/// <summary>Declares one input of an activity, with the UI hints the designer shows.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class InputAttribute(string name, string typeName, string displayName) : Attribute
{
    public string Name { get; } = name;

    public string TypeName { get; } = typeName;

    public string DisplayName { get; } = displayName;

    public string Description { get; init; } = "";

    /// <summary>Elsa UI hint (Elsa's InputUIHints names): singleline, multiline, code-editor, dropdown, checkbox, dynamic-outcomes, flow-switch-editor, variable-picker, json-editor.</summary>
    public string UIHint { get; init; } = UIHints.SingleLine;

    public string DefaultSyntax { get; init; } = "Literal";

    /// <summary>Choices for a dropdown (value = text).</summary>
    public string[]? Options { get; init; }

    /// <summary>The name of an options provider resolved at descriptor time (e.g. the department list).</summary>
    public string? OptionsProvider { get; init; }

    public bool Required { get; init; }

    public string? DefaultValue { get; init; }

    public int Order { get; init; }

    /// <summary>True when the input's value is a plain property (Elsa's FlowSwitch cases), not an expression wrapper.</summary>
    public bool IsWrapped { get; init; } = true;
}

/// <summary>Declares an output an activity can write to a variable (Elsa's memory reference).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class OutputAttribute(string name, string typeName, string displayName) : Attribute
{
    public string Name { get; } = name;

    public string TypeName { get; } = typeName;

    public string DisplayName { get; } = displayName;

    public string Description { get; init; } = "";
}

/// <summary>The outcome ports of a flow activity. Dynamic ports come from an input (FlowSwitch cases, DepartmentTask outcomes).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class OutcomesAttribute(params string[] outcomes) : Attribute
{
    public IReadOnlyList<string> Outcomes { get; } = outcomes;

    /// <summary>An input whose value adds ports (a JSON string array, or FlowSwitch cases' labels).</summary>
    public string? DynamicFrom { get; init; }
}
