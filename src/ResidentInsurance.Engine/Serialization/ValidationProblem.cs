namespace ResidentInsurance.Engine.Serialization;

/// <summary>One problem found in a definition; <see cref="ActivityId"/> is null for document-level problems.</summary>
public sealed record ValidationProblem(string? ActivityId, string Message)
{
    public override string ToString() => ActivityId is null ? Message : $"activity '{ActivityId}': {Message}";
}
