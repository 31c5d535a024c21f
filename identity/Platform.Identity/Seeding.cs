using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity;

/// <summary>
/// Creates or updates the configured clients and users at every start, so configuration is the source of truth and a
/// restart with the same settings changes nothing. Clients and users that are no longer configured are left alone.
/// </summary>
public static class Seeding
{
    /// <summary>The role and clinics of a client's client-credentials tokens, kept in the application's properties.</summary>
    public const string RoleProperty = "kap_role";
    public const string ClinicsProperty = "kap_clinics";

    public static async Task SeedAsync(IServiceProvider services, IdentitySettings settings)
    {
        var applications = services.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var client in settings.Clients)
        {
            var descriptor = Describe(client);
            var existing = await applications.FindByClientIdAsync(client.ClientId);
            if (existing is null)
            {
                await applications.CreateAsync(descriptor);
            }
            else
            {
                // A changed secret is hashed again by the manager; the same secret is hashed again too (new salt).
                await applications.UpdateAsync(existing, descriptor);
            }
        }

        var db = services.GetRequiredService<IdentityDb>();
        foreach (var configured in settings.Users)
        {
            var user = await db.Users.SingleOrDefaultAsync(u => u.UserName == configured.UserName);
            if (user is null)
            {
                db.Users.Add(new IdentityUser {
                    UserName = configured.UserName,
                    PasswordHash = Passwords.Hash(configured.Password),
                    Role = configured.Role,
                    Clinics = configured.Clinics,
                    Subject = configured.Subject,
                });
                continue;
            }

            // Rehash only when the password changed: PBKDF2 is deliberately slow.
            if (!Passwords.Verify(configured.Password, user.PasswordHash))
            {
                user.PasswordHash = Passwords.Hash(configured.Password);
            }

            user.Role = configured.Role;
            user.Clinics = configured.Clinics;
            user.Subject = configured.Subject;
        }

        await db.SaveChangesAsync();
    }

    private static OpenIddictApplicationDescriptor Describe(ClientSettings client)
    {
        var confidential = !string.IsNullOrEmpty(client.Secret);
        var descriptor = new OpenIddictApplicationDescriptor {
            ClientId = client.ClientId,
            ClientSecret = confidential ? client.Secret : null,
            ClientType = confidential ? ClientTypes.Confidential : ClientTypes.Public,
            DisplayName = client.DisplayName ?? client.ClientId,
            // First-party clients only: no consent page.
            ConsentType = ConsentTypes.Implicit,
        };
        descriptor.RedirectUris.UnionWith(client.RedirectUris);
        descriptor.Permissions.UnionWith([Permissions.Endpoints.Token, Permissions.Endpoints.Revocation]);
        if (confidential)
        {
            // OpenIddict lets only confidential clients introspect.
            descriptor.Permissions.Add(Permissions.Endpoints.Introspection);
        }

        foreach (var grant in client.GrantTypes)
        {
            switch (grant)
            {
                case GrantTypes.AuthorizationCode:
                    descriptor.Permissions.UnionWith([Permissions.Endpoints.Authorization, Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code]);
                    descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
                    break;
                case GrantTypes.ClientCredentials:
                    descriptor.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
                    break;
                case GrantTypes.RefreshToken:
                    descriptor.Permissions.Add(Permissions.GrantTypes.RefreshToken);
                    break;
                default:
                    throw new InvalidOperationException($"Identity:Clients: client '{client.ClientId}' names grant type '{grant}'; use authorization_code, client_credentials or refresh_token.");
            }
        }

        // The exact scope strings the client may request. Checked by Connect.DisallowedScopeAsync, not by OpenIddict,
        // whose own check answers invalid_request where OAuth says invalid_scope.
        descriptor.Permissions.UnionWith(client.Scopes.Select(scope => Permissions.Prefixes.Scope + scope));
        descriptor.Properties[RoleProperty] = JsonSerializer.SerializeToElement(client.Role);
        descriptor.Properties[ClinicsProperty] = JsonSerializer.SerializeToElement(client.Clinics);
        return descriptor;
    }
}
