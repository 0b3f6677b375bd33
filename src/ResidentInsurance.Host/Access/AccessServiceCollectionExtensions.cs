using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.RateLimiting;
using ResidentInsurance.Host.Regions;

namespace ResidentInsurance.Host.Access;

internal static class AccessServiceCollectionExtensions
{
    public const string LoginRateLimit = "login";
    private const string Smart = "cookie-or-api-key";

    /// <summary>
    /// Staff log in with a cookie (HttpOnly, SameSite=Strict); systems call with an API key. Every API endpoint
    /// needs one of the two unless it says otherwise; region and department checks are in the handlers
    /// (<see cref="Caller"/>), and a refusal is answered 403 with an audit entry.
    /// </summary>
    public static IServiceCollection AddResidentInsuranceAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AccessOptions>(configuration.GetSection(AccessOptions.Section));
        var options = configuration.GetSection(AccessOptions.Section).Get<AccessOptions>() ?? new AccessOptions();
        services.AddSingleton<RegionDocuments>();
        services.AddHostedService<DemoAccounts>();
        services.AddAuthentication(Smart)
            .AddPolicyScheme(Smart, Smart, o => o.ForwardDefaultSelector = http =>
                ApiKeyAuthenticationHandler.ReadKey(http.Request) is not null ? ApiKeyAuthenticationHandler.SchemeName
                : DesignerTokenHandler.HasBearer(http.Request) ? DesignerTokenHandler.SchemeName
                : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = "ri.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.Events.OnRedirectToLogin = ctx => Answer(ctx, StatusCodes.Status401Unauthorized, "/login.html");
                o.Events.OnRedirectToAccessDenied = ctx => Answer(ctx, StatusCodes.Status403Forbidden, null);
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, _ => { })
            .AddScheme<AuthenticationSchemeOptions, DesignerTokenHandler>(DesignerTokenHandler.SchemeName, _ => { });
        services.AddCrossSiteRequestCheck();
        services.AddAuthorizationBuilder().SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(LoginRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.LoginAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }

    /// <summary>APIs answer 401/403; a browser asking for a page is sent to the login page.</summary>
    private static Task Answer(RedirectContext<CookieAuthenticationOptions> ctx, int status, string? page)
    {
        if (page is not null && !ctx.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal) && !ctx.Request.Path.StartsWithSegments("/elsa", StringComparison.Ordinal))
        {
            ctx.Response.Redirect(page);
            return Task.CompletedTask;
        }

        ctx.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
