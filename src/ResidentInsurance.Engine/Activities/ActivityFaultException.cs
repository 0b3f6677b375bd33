namespace ResidentInsurance.Engine.Activities;

/// <summary>An activity's own failure, with a kind shown on the incident (Elsa.Fault, bad input, unknown policy …).</summary>
public sealed class ActivityFaultException(string kind, string message) : Exception(message)
{
    public string Kind { get; } = kind;
}
