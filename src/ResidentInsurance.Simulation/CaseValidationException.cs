namespace ResidentInsurance.Simulation;

/// <summary>Malformed input: <see cref="Path"/> names the field (<c>[3].person.idNumber</c>), the message says what is wrong.</summary>
public sealed class CaseValidationException(string path, string problem) : Exception($"{path}: {problem}")
{
    public string Path { get; } = path;

    public string Problem { get; } = problem;
}
