namespace ResidentInsurance.Engine.Serialization;

/// <summary>A definition that cannot be loaded; lists every problem found, each with its activity id.</summary>
public sealed class DefinitionValidationException : Exception
{
    public DefinitionValidationException(string? source, IReadOnlyList<ValidationProblem> problems)
        : base(Describe(source, problems))
    {
        Source = source;
        Problems = problems;
    }

    /// <summary>The file or definition the problems belong to, when known.</summary>
    public new string? Source { get; }

    public IReadOnlyList<ValidationProblem> Problems { get; }

    private static string Describe(string? source, IReadOnlyList<ValidationProblem> problems)
    {
        var head = source is null ? "invalid workflow definition" : $"invalid workflow definition {source}";
        return $"{head}: {problems.Count} problem(s)\n - " + string.Join("\n - ", problems);
    }
}
