using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using ResidentInsurance.Engine.Activities;
using ResidentInsurance.Host.Access;
using ResidentInsurance.Persistence.Access;

namespace ResidentInsurance.Host.Api;

/// <summary>Login (cookie) for staff, logout, and who am I.</summary>
internal static class AuthEndpoints
{
    public sealed record LoginBody(string? UserName, string? Password);

    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");

        group.MapPost("/login", async (LoginBody body, HttpContext http, IAccessStore accounts, TimeProvider clock, CancellationToken ct) =>
        {
            var account = string.IsNullOrWhiteSpace(body.UserName) ? null : await accounts.FindAccountAsync(body.UserName.Trim(), ct);
            if (account is null || body.Password is null || account.Role == Roles.System || !Secrets.VerifyPassword(body.Password, account.PasswordHash))
            {
                await accounts.AppendAuditAsync(new AuditEntry(0, clock.GetUtcNow(), body.UserName ?? "", account?.Region, "auth.login", body.UserName ?? "", "denied", "用户名或密码错误"), ct);
                return Results.Problem(title: "用户名或密码错误", statusCode: StatusCodes.Status401Unauthorized);
            }

            var principal = new ClaimsPrincipal(Principals.For(account, CookieAuthenticationDefaults.AuthenticationScheme));
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
            await accounts.AppendAuditAsync(new AuditEntry(0, clock.GetUtcNow(), account.UserName, account.Region, "auth.login", account.UserName, "allowed", null), ct);
            return Results.Ok(Me(Caller.From(principal)!, CrossSiteRequestCheck.TokenFor(http, principal)));
        }).AllowAnonymous().RequireRateLimiting(AccessServiceCollectionExtensions.LoginRateLimit);

        group.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.NoContent();
        });

        // The designer page hands this to Elsa Studio (access-token): a policy administrator's or the system administrator's.
        group.MapPost("/designer-token", (Caller caller, Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection, TimeProvider clock) =>
        {
            if (caller.Role is not (Roles.PolicyAdmin or Roles.SystemAdmin))
            {
                throw new AccessDeniedException("designer.token", caller.UserName, caller.Region, $"{caller.UserName} 不是政策管理员，不能打开流程设计器");
            }

            return Results.Ok(new { token = DesignerTokenHandler.Issue(protection, caller.UserName, clock), expiresAt = clock.GetUtcNow().Add(DesignerTokenHandler.Lifetime), region = caller.Region });
        });

        group.MapGet("/me", (Caller caller, HttpContext http) => Results.Ok(Me(caller, ApiKeyAuthenticationHandler.ReadKey(http.Request) is null ? CrossSiteRequestCheck.TokenFor(http) : null)));
    }

    private static object Me(Caller c, string? csrfToken) => new
    {
        userName = c.UserName,
        displayName = c.DisplayName,
        role = c.Role,
        region = c.Region,
        department = c.Department,
        departmentName = c.Department is null ? null : Departments.Find(c.Department)?.Name,
        town = c.Town,
        csrfToken, // the page sends it back as X-CSRF-TOKEN with every change it makes
    };
}
