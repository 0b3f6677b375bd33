namespace ResidentInsurance.Host.Designer;

/// <summary>A refusal in the shape the Studio shows in its snackbar: 400 with <c>errors</c> by field, in Chinese.</summary>
internal static class ElsaErrors
{
    public static IResult Refused(string title, string field, string message, string? detail = null) =>
        Results.Problem(title: title, detail: detail ?? message, statusCode: 400,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });
}
