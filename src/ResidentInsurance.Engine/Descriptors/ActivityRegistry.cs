using System.Reflection;
using ResidentInsurance.Engine.Activities;

namespace ResidentInsurance.Engine.Descriptors;

/// <summary>
/// The activity types the engine can run, keyed by (type name, version). Descriptors are read from
/// the classes' attributes, so a type's inputs, outputs and ports are declared once.
/// </summary>
public sealed class ActivityRegistry
{
    private readonly Dictionary<(string Type, int Version), ActivityDescriptor> _byVersion = new();
    private readonly Dictionary<string, ActivityDescriptor> _latest = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, WorkflowActivity> _instances = new();

    public ActivityRegistry(IEnumerable<WorkflowActivity> activities)
    {
        foreach (var activity in activities)
        {
            Register(activity);
        }
    }

    public IReadOnlyCollection<ActivityDescriptor> Descriptors => _byVersion.Values;

    public IEnumerable<ActivityDescriptor> LatestDescriptors => _latest.Values.OrderBy(d => d.Category).ThenBy(d => d.TypeName);

    public ActivityDescriptor? Find(string typeName, int version) =>
        _byVersion.TryGetValue((typeName, version), out var descriptor) ? descriptor : null;

    public ActivityDescriptor? FindLatest(string typeName) => _latest.GetValueOrDefault(typeName);

    public bool IsKnownType(string typeName) => _latest.ContainsKey(typeName);

    public WorkflowActivity GetActivity(ActivityDescriptor descriptor) => _instances[descriptor.ActivityClass];

    public static ActivityDescriptor Describe(Type activityClass)
    {
        var activity = activityClass.GetCustomAttribute<ActivityAttribute>()
            ?? throw new InvalidOperationException($"{activityClass.Name} has no [Activity] attribute");
        var inputs = activityClass.GetCustomAttributes<InputAttribute>()
            .Select(i => new InputDescriptor(i.Name, i.TypeName, i.DisplayName, i.Description, i.UIHint, i.DefaultSyntax,
                i.Options, i.OptionsProvider, i.Required, i.DefaultValue, i.Order, i.IsWrapped))
            .OrderBy(i => i.Order)
            .ToList();
        var outputs = activityClass.GetCustomAttributes<OutputAttribute>()
            .Select(o => new OutputDescriptor(o.Name, o.TypeName, o.DisplayName, o.Description))
            .ToList();
        var outcomes = activityClass.GetCustomAttribute<OutcomesAttribute>();
        return new ActivityDescriptor(activity.TypeName, activity.Version, activity.Category, activity.DisplayName,
            activity.Description, activity.Kind, inputs, outputs, outcomes?.Outcomes ?? ["Done"], outcomes?.DynamicFrom, activityClass);
    }

    private void Register(WorkflowActivity activity)
    {
        var descriptor = Describe(activity.GetType());
        if (!_byVersion.TryAdd((descriptor.TypeName, descriptor.Version), descriptor))
        {
            throw new InvalidOperationException($"activity type {descriptor.TypeName} v{descriptor.Version} is registered twice");
        }

        _instances[activity.GetType()] = activity;
        if (!_latest.TryGetValue(descriptor.TypeName, out var current) || current.Version < descriptor.Version)
        {
            _latest[descriptor.TypeName] = descriptor;
        }
    }
}
