namespace ResidentInsurance.Engine.Runtime;

/// <summary>A resume whose payload the activity refuses (an outcome the task does not offer); nothing is committed.</summary>
public sealed class InvalidStimulusException(string message) : Exception(message);
