using System.Collections.Immutable;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity;

/// <summary>
/// The passthrough handlers of /connect/authorize and /connect/token: OpenIddict has validated the protocol (client,
/// redirect URI, PKCE, secret, code, refresh token); these decide who the token is for and what it carries.
/// </summary>
public static class Connect
{
    /// <summary>One claim per clinic the caller may act in; "*" means every clinic.</summary>
    public const string ClinicClaim = "clinic";

    public static void MapConnect(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync);
        app.MapPost("/connect/token", TokenAsync);
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext http, IOpenIddictApplicationManager applications, IdentityDb db, IdentitySettings settings)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var scopes = request.GetScopes();
        if (await DisallowedScopeAsync(applications, request.ClientId!, scopes) is { } refused)
        {
            return Refuse(Errors.InvalidScope, $"The client may not request the scope '{refused}'.");
        }

        var cookie = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        var user = cookie.Succeeded && cookie.Principal.Identity?.Name is { } name
            ? await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == name)
            : null;
        if (user is null)
        {
            // To the login page, which comes back here with the same parameters once the user has signed in.
            var back = http.Request.PathBase + http.Request.Path + QueryString.Create(
                request.GetParameters().Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString())));
            return Results.Challenge(new AuthenticationProperties { RedirectUri = back }, [CookieAuthenticationDefaults.AuthenticationScheme]);
        }

        return SignIn(ForUser(user, scopes, settings));
    }

    private static async Task<IResult> TokenAsync(HttpContext http, IOpenIddictApplicationManager applications, IdentityDb db, IdentitySettings settings)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.IsClientCredentialsGrantType())
        {
            var scopes = request.GetScopes();
            if (await DisallowedScopeAsync(applications, request.ClientId!, scopes) is { } refused)
            {
                return Refuse(Errors.InvalidScope, $"The client may not request the scope '{refused}'.");
            }

            var application = await applications.FindByClientIdAsync(request.ClientId!) ?? throw new InvalidOperationException("OpenIddict validated an unknown client.");
            var properties = await applications.GetPropertiesAsync(application);
            var role = properties.TryGetValue(Seeding.RoleProperty, out var r) ? r.GetString() ?? "system" : "system";
            var clinics = properties.TryGetValue(Seeding.ClinicsProperty, out var c) ? c.Deserialize<string[]>() ?? [] : [];
            return SignIn(Principal(request.ClientId!, name: null, role, clinics, scopes, settings));
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            // The principal stored in the code or refresh token; rebuilt from the user's current record so a changed
            // role or clinic list, or a removed user, takes effect at the next refresh.
            var stored = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var subject = stored.Principal?.GetClaim(Claims.Subject);
            var user = subject is null ? null : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Subject == subject);
            if (user is null)
            {
                return Refuse(Errors.InvalidGrant, "The user no longer exists.");
            }

            return SignIn(ForUser(user, stored.Principal!.GetScopes(), settings));
        }

        return Refuse(Errors.UnsupportedGrantType, "The grant type is not supported.");
    }

    /// <summary>The first requested scope that is not, as an exact string, in the client's configured list.</summary>
    private static async Task<string?> DisallowedScopeAsync(IOpenIddictApplicationManager applications, string clientId, ImmutableArray<string> scopes)
    {
        var application = await applications.FindByClientIdAsync(clientId);
        foreach (var scope in scopes)
        {
            if (application is null || !await applications.HasPermissionAsync(application, Permissions.Prefixes.Scope + scope))
            {
                return scope;
            }
        }

        return null;
    }

    private static ClaimsPrincipal ForUser(IdentityUser user, ImmutableArray<string> scopes, IdentitySettings settings) =>
        Principal(user.Subject, user.UserName, user.Role, user.Clinics, scopes, settings);

    private static ClaimsPrincipal Principal(
        string subject, string? name, string role, IEnumerable<string> clinics, ImmutableArray<string> scopes, IdentitySettings settings)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, subject);
        identity.SetClaim(Claims.Role, role);
        identity.SetClaims(ClinicClaim, [.. clinics]);
        if (name is not null)
        {
            identity.SetClaim(Claims.Name, name);
        }

        identity.SetScopes(scopes);
        // The access token's "aud": OpenIddict takes it from the principal's resources.
        identity.SetResources(settings.EffectiveAudiences);
        // Only claims with a destination leave the provider: the services read sub, role and clinic from the access
        // token; the user's name goes into the identity token only, when the client asked for the profile.
        identity.SetDestinations(claim => Destinations(claim, scopes));
        return new ClaimsPrincipal(identity);
    }

    private static string[] Destinations(Claim claim, ImmutableArray<string> scopes)
    {
        if (claim.Type is Claims.Subject or Claims.Role or ClinicClaim)
        {
            return [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken];
        }

        return claim.Type == Claims.Name && scopes.Contains(Scopes.Profile) ? [OpenIddictConstants.Destinations.IdentityToken] : [];
    }

    private static IResult SignIn(ClaimsPrincipal principal) =>
        Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?> {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
