namespace ResidentInsurance.Policy.Scripting;

/// <summary>What a script threw, as the sandbox describes it.</summary>
/// <param name="Kind">"parameter" (a MissingParameterError), "error" (an Error) or "value" (anything else).</param>
/// <param name="Name">The error's name (TypeError, ReferenceError, …); empty for a thrown non-error.</param>
/// <param name="Message">The error's message, or the thrown value as text.</param>
/// <param name="Parameter">For a MissingParameterError: the parameter's path.</param>
/// <param name="Line">The line of the author's script it was thrown at, when known.</param>
internal sealed record ThrownValue(string Kind, string Name, string Message, string Parameter, int? Line);
