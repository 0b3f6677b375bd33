using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using ResidentInsurance.Engine.Activities;
using ResidentInsurance.Host.Access;
using ResidentInsurance.Host.Regions;
using ResidentInsurance.Persistence.Access;

namespace ResidentInsurance.Host.Api;

/// <summary>
/// The system administrator opens accounts: a new region (a clone) gets its policy administrator and its
/// departments' clerks without a restart. Passwords are stored only as PBKDF2 hashes; each account audited.
/// </summary>
internal static partial class AccountEndpoints
{
    public sealed record AccountBody(string? UserName, string? DisplayName, string? Password, string? Role, string? Region, string? Department, string? Town);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,63}$")]
    private static partial Regex UserName();

    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/accounts", async (AccountBody body, Caller caller, RegionDocuments regions, IAccessStore store, IOptions<AccessOptions> options, TimeProvider clock, CancellationToken ct) =>
        {
            caller.RequireSystemAdmin("account.create", body.UserName ?? "");
            if (body.UserName is null || !UserName().IsMatch(body.UserName))
            {
                return Problem("userName", "a user name is 3 to 64 lowercase letters, digits, '.', '_' or '-' (e.g. demo-county.admin)");
            }

            if (body.Password is not { Length: >= 10 } password || !password.Any(char.IsLetter) || !password.Any(char.IsDigit))
            {
                return Problem("password", "a password has at least 10 characters, letters and digits");
            }

            if (body.Role is not (Roles.PolicyAdmin or Roles.Staff))
            {
                return Problem("role", $"role is \"{Roles.PolicyAdmin}\" or \"{Roles.Staff}\"");
            }

            if (body.Region is null || await regions.FindAsync(body.Region, ct) is not { } region)
            {
                return Problem("region", $"region '{body.Region}' does not exist");
            }

            var departments = (region["departments"]?.AsArray() ?? []).Select(d => d!.GetValue<string>()).ToList();
            if (body.Role == Roles.Staff && !(body.Department is { } d && (departments.Contains(d) || d == "town" && !string.IsNullOrWhiteSpace(body.Town))))
            {
                return Problem("department", $"a clerk belongs to one of the region's departments ({string.Join(", ", departments)}), or to \"town\" with a town");
            }

            var account = new StaffAccount(body.UserName, string.IsNullOrWhiteSpace(body.DisplayName) ? body.UserName : body.DisplayName.Trim(), body.Region,
                body.Role == Roles.Staff ? body.Department : null, body.Role, Secrets.HashPassword(password, options.Value.PasswordIterations), null,
                body.Department == "town" ? body.Town : null);
            if (await store.AddAccountsAsync([account], ct) == 0)
            {
                return Results.Problem(title: "账号已存在", detail: $"account '{body.UserName}' exists already", statusCode: 409);
            }

            await store.AppendAuditAsync(new AuditEntry(0, clock.GetUtcNow(), caller.UserName, body.Region, "account.create", body.UserName, "allowed",
                $"{account.Role}{(account.Department is null ? "" : " " + (Departments.Find(account.Department)?.Name ?? account.Department))}"), ct);
            return Results.Created($"/api/accounts/{account.UserName}", new { userName = account.UserName, displayName = account.DisplayName, role = account.Role, region = account.Region, department = account.Department, town = account.Town });
        }).WithTags("Auth");
    }

    private static IResult Problem(string field, string detail) =>
        Results.Problem(title: "请求有误", detail: detail, statusCode: 400, extensions: new Dictionary<string, object?> { ["field"] = field });
}
