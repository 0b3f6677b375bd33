using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using ResidentInsurance.Persistence.Access;

namespace ResidentInsurance.Host.Access;

/// <summary>
/// The designer's credential: Elsa Studio sends <c>Authorization: Bearer &lt;token&gt;</c> (its <c>access-token</c>
/// attribute). The designer page gets the token from <c>POST /api/auth/designer-token</c> with the staff login
/// cookie; it names the account and expires after <see cref="Lifetime"/>, protected by ASP.NET Data Protection.
/// A header cannot be forged cross-site, so these requests need no antiforgery token.
/// </summary>
internal sealed class DesignerTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IAccessStore accounts, IDataProtectionProvider protection)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DesignerToken";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);
    private const string Purpose = "ResidentInsurance.DesignerToken.v1";

    public static bool HasBearer(HttpRequest request) => request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    public static string Issue(IDataProtectionProvider protection, string userName, TimeProvider clock) =>
        protection.CreateProtector(Purpose).ToTimeLimitedDataProtector().Protect(userName, clock.GetUtcNow().Add(Lifetime));

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!HasBearer(Request))
        {
            return AuthenticateResult.NoResult();
        }

        string userName;
        try
        {
            userName = protection.CreateProtector(Purpose).ToTimeLimitedDataProtector().Unprotect(Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim());
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return AuthenticateResult.Fail("the designer token is not valid or has expired");
        }

        var account = await accounts.FindAccountAsync(userName, Context.RequestAborted);
        return account is null
            ? AuthenticateResult.Fail("the designer token's account no longer exists")
            : AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(Principals.For(account, SchemeName)), SchemeName));
    }
}
