using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Platform.Identity;

/// <summary>
/// The sign-in page clinicians see during the authorization code flow: a plain HTML form (no scripts, no styles to
/// load), protected by an antiforgery token, that sets the provider's own cookie and returns to /connect/authorize.
/// </summary>
public static class Account
{
    public const string LoginPath = "/account/login";

    public static void MapAccount(this IEndpointRouteBuilder app)
    {
        app.MapGet(LoginPath, (HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
            Page(http, antiforgery, returnUrl, error: null, StatusCodes.Status200OK));
        app.MapPost(LoginPath, LoginAsync);
    }

    private static async Task<IResult> LoginAsync(HttpContext http, IAntiforgery antiforgery, IdentityDb db)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.BadRequest();
        }

        var form = await http.Request.ReadFormAsync();
        var userName = form["username"].ToString();
        var password = form["password"].ToString();
        var returnUrl = form["returnUrl"].ToString();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == userName);
        // Unknown user and wrong password answer alike, so the page does not tell which user names exist.
        if (user is null || !Passwords.Verify(password, user.PasswordHash))
        {
            return Page(http, antiforgery, returnUrl, "Unknown user name or wrong password.", StatusCodes.Status200OK);
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user.UserName)], CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        // Only back into this provider: an open redirect would hand the session to anyone's link.
        return Results.Redirect(IsLocal(returnUrl) ? returnUrl : "/");
    }

    private static bool IsLocal(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var message = error is null ? "" : $"<p role=\"alert\">{WebUtility.HtmlEncode(error)}</p>";
        var html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Sign in</title></head>
            <body>
            <h1>Sign in</h1>
            {message}
            <form method="post" action="{LoginPath}">
            <input type="hidden" name="{WebUtility.HtmlEncode(tokens.FormFieldName)}" value="{WebUtility.HtmlEncode(tokens.RequestToken)}">
            <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl ?? "")}">
            <p><label>User name <input name="username" autocomplete="username" required></label></p>
            <p><label>Password <input name="password" type="password" autocomplete="current-password" required></label></p>
            <p><button type="submit">Sign in</button></p>
            </form>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
