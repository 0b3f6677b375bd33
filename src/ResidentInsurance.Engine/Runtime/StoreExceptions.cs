namespace ResidentInsurance.Engine.Runtime;

/// <summary>The commit lost a race: the instance, a bookmark or a stimulus changed since it was read.</summary>
public sealed class ConcurrencyConflictException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A stimulus with this key was recorded before: the message is a duplicate.</summary>
public sealed class DuplicateStimulusException(string key, Exception? inner = null)
    : Exception($"a stimulus with key '{key}' was already recorded", inner)
{
    public string Key { get; } = key;
}

/// <summary>An instance of this definition with this correlation id exists already: the start is a repeat.</summary>
public sealed class DuplicateInstanceException(string definitionId, string correlationId, Exception? inner = null)
    : Exception($"an instance of '{definitionId}' with correlation id '{correlationId}' was already started", inner)
{
    public string DefinitionId { get; } = definitionId;

    public string CorrelationId { get; } = correlationId;
}
