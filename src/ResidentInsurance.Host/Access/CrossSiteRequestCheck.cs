using Microsoft.AspNetCore.Antiforgery;

namespace ResidentInsurance.Host.Access;

/// <summary>
/// The cookie UI against cross-site requests, beside SameSite=Strict: a request that changes something and is
/// authenticated by the login cookie must carry the antiforgery token (header <see cref="HeaderName"/>) the
/// login and <c>/api/auth/me</c> hand to the page. API-key callers (systems) carry no cookie and are not asked.
/// </summary>
internal static class CrossSiteRequestCheck
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public static IServiceCollection AddCrossSiteRequestCheck(this IServiceCollection services) =>
        services.AddAntiforgery(o =>
        {
            o.HeaderName = HeaderName;
            o.Cookie.Name = "ri.csrf";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

    /// <summary>After authentication: unsafe methods with a cookie session are checked; anything else passes.</summary>
    public static IApplicationBuilder UseCrossSiteRequestCheck(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var unsafeMethod = !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method));
        if (unsafeMethod && http.User.Identity?.IsAuthenticated == true && ApiKeyAuthenticationHandler.ReadKey(http.Request) is null && !DesignerTokenHandler.HasBearer(http.Request)
            && (http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal) || http.Request.Path.StartsWithSegments("/elsa", StringComparison.Ordinal)))
        {
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            try
            {
                await antiforgery.ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                await http.Response.WriteAsJsonAsync(new
                {
                    type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
                    title = "跨站请求校验失败",
                    status = 400,
                    detail = $"a change made with the login cookie must carry the {HeaderName} header from /api/auth/me (reload the page)",
                    field = HeaderName,
                });
                return;
            }
        }

        await next(http);
    });

    /// <summary>A token for the signed-in user (the principal given, for the login answer before the cookie is back).</summary>
    public static string? TokenFor(HttpContext http, System.Security.Claims.ClaimsPrincipal? user = null)
    {
        if (user is not null)
        {
            http.User = user;
        }

        return http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http).RequestToken;
    }
}
