namespace ResidentInsurance.Engine.Descriptors;

/// <summary>What the designer and the validator know of an activity type; generated from the activity class.</summary>
public sealed record ActivityDescriptor(
    string TypeName,
    int Version,
    string Category,
    string DisplayName,
    string Description,
    string Kind,
    IReadOnlyList<InputDescriptor> Inputs,
    IReadOnlyList<OutputDescriptor> Outputs,
    IReadOnlyList<string> Outcomes,
    string? DynamicOutcomesFrom,
    Type ActivityClass)
{
    /// <summary>The part of the type name after the last dot: <c>Elsa.FlowDecision</c> → <c>FlowDecision</c>.</summary>
    public string Name => TypeName[(TypeName.LastIndexOf('.') + 1)..];

    /// <summary>The part before: <c>Elsa</c>, <c>ResidentInsurance</c>.</summary>
    public string Namespace => TypeName.Contains('.') ? TypeName[..TypeName.LastIndexOf('.')] : "";

    public InputDescriptor? FindInput(string name) => Inputs.FirstOrDefault(i => i.Name == name);

    public OutputDescriptor? FindOutput(string name) => Outputs.FirstOrDefault(o => o.Name == name);
}

public sealed record InputDescriptor(
    string Name,
    string TypeName,
    string DisplayName,
    string Description,
    string UIHint,
    string DefaultSyntax,
    IReadOnlyList<string>? Options,
    string? OptionsProvider,
    bool Required,
    string? DefaultValue,
    int Order,
    bool IsWrapped);

public sealed record OutputDescriptor(string Name, string TypeName, string DisplayName, string Description);
