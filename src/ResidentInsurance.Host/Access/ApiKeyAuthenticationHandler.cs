using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using ResidentInsurance.Persistence.Access;

namespace ResidentInsurance.Host.Access;

/// <summary>
/// Systems (the tax department's feed, a school, the designer) call with <c>Authorization: ApiKey &lt;key&gt;</c>
/// or <c>X-Api-Key</c>; the key is looked up by its SHA-256 hash.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IAccessStore accounts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    public static string? ReadKey(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase))
        {
            return header["ApiKey ".Length..].Trim();
        }

        var key = request.Headers["X-Api-Key"].ToString();
        return key.Length > 0 ? key : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = ReadKey(Request);
        if (key is null)
        {
            return AuthenticateResult.NoResult();
        }

        var account = await accounts.FindAccountByApiKeyHashAsync(Secrets.HashApiKey(key), Context.RequestAborted);
        return account is null
            ? AuthenticateResult.Fail("unknown API key")
            : AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(Principals.For(account, SchemeName)), SchemeName));
    }
}

/// <summary>The claims of an account, the same for a cookie login and an API key.</summary>
internal static class Principals
{
    public static ClaimsIdentity For(StaffAccount account, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, account.UserName),
            new(ClaimTypes.Role, account.Role),
            new(Caller.DisplayNameClaim, account.DisplayName),
        };
        if (account.Region is not null)
        {
            claims.Add(new Claim(Caller.RegionClaim, account.Region));
        }

        if (account.Department is not null)
        {
            claims.Add(new Claim(Caller.DepartmentClaim, account.Department));
        }

        if (account.Town is not null)
        {
            claims.Add(new Claim(Caller.TownClaim, account.Town));
        }

        return new ClaimsIdentity(claims, scheme);
    }
}
