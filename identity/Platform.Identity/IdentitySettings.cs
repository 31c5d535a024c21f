namespace Platform.Identity;

/// <summary>The "Identity" configuration section.</summary>
public sealed class IdentitySettings
{
    public const string Section = "Identity";

    /// <summary>The roles a token may carry; the services authorize by these names.</summary>
    public static readonly IReadOnlySet<string> Roles = new HashSet<string>(StringComparer.Ordinal)
    {
        "prescriber", "intake", "scheduler", "therapist", "medical", "analyst", "system", "operator", "privacy-officer",
    };

    /// <summary>The absolute URL tokens name as "iss" (e.g. http://127.0.0.1:8084/). Required outside Development/Testing.</summary>
    public Uri? Issuer { get; set; }

    /// <summary>The "aud" of every access token; "kap-platform" when none is configured.</summary>
    public List<string> Audiences { get; set; } = [];

    public int AccessTokenMinutes { get; set; } = 15;

    /// <summary>
    /// Accept plain HTTP outside Development/Testing: set when TLS ends at the clinic's reverse proxy in front of the
    /// provider (compose), so the provider itself only ever sees HTTP.
    /// </summary>
    public bool AllowHttp { get; set; }

    public List<ClientSettings> Clients { get; set; } = [];

    public List<UserSettings> Users { get; set; } = [];

    // The binder appends configured array entries to an initialised default, so the default is applied here instead.
    public IReadOnlyList<string> EffectiveAudiences => Audiences.Count > 0 ? Audiences : ["kap-platform"];

    public void Validate()
    {
        foreach (var client in Clients)
        {
            if (string.IsNullOrWhiteSpace(client.ClientId) || !Roles.Contains(client.Role))
            {
                throw new InvalidOperationException($"Identity:Clients: client '{client.ClientId}' needs a client id and one of the roles {string.Join(", ", Roles)}.");
            }
        }

        foreach (var user in Users)
        {
            if (string.IsNullOrWhiteSpace(user.UserName) || string.IsNullOrEmpty(user.Password) || string.IsNullOrWhiteSpace(user.Subject) || !Roles.Contains(user.Role))
            {
                throw new InvalidOperationException($"Identity:Users: user '{user.UserName}' needs a user name, a password, a subject and one of the roles {string.Join(", ", Roles)}.");
            }
        }
    }
}

/// <summary>One OAuth client, created or updated at start-up.</summary>
public sealed class ClientSettings
{
    public string ClientId { get; set; } = "";

    /// <summary>None for a public client (a browser or native app using the code flow with PKCE).</summary>
    public string? Secret { get; set; }

    public string? DisplayName { get; set; }

    public List<Uri> RedirectUris { get; set; } = [];

    /// <summary>authorization_code, client_credentials, refresh_token.</summary>
    public List<string> GrantTypes { get; set; } = [];

    /// <summary>The exact scope strings the client may request; any other is refused with invalid_scope.</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>The role of its client-credentials tokens.</summary>
    public string Role { get; set; } = "system";

    /// <summary>The clinics of its client-credentials tokens; "*" means every clinic.</summary>
    public List<string> Clinics { get; set; } = [];
}

/// <summary>One person who signs in on the login page, created or updated at start-up.</summary>
public sealed class UserSettings
{
    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";

    public string Role { get; set; } = "";

    public List<string> Clinics { get; set; } = [];

    /// <summary>The staff id the token carries as "sub".</summary>
    public string Subject { get; set; } = "";
}
