namespace ResidentInsurance.Engine.Descriptors;

/// <summary>Elsa 3's UI hint names, as the Studio knows them.</summary>
public static class UIHints
{
    public const string SingleLine = "singleline";
    public const string MultiLine = "multiline";
    public const string CodeEditor = "code-editor";
    public const string Dropdown = "dropdown";
    public const string Checkbox = "checkbox";
    public const string DynamicOutcomes = "dynamic-outcomes";
    public const string FlowSwitchEditor = "flow-switch-editor";
    public const string VariablePicker = "variable-picker";
    public const string JsonEditor = "json-editor";
    public const string DateTimePicker = "datetime-picker";
}
