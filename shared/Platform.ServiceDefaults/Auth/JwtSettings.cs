using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Auth;

/// <summary>
/// How the service validates bearer tokens, from the "Auth" configuration section: tokens of an OpenID Connect
/// authority (<see cref="Authority"/>: discovery and its JWKS, asymmetric keys that may rotate), or, in Development
/// and tests only, tokens signed with a shared HMAC key (<see cref="SigningKey"/>).
/// </summary>
public sealed class JwtSettings
{
    /// <summary>The identity provider's issuer URL (e.g. https://login.microsoftonline.com/{tenant}/v2.0). Required outside Development.</summary>
    public string? Authority { get; set; }

    /// <summary>
    /// Where the discovery document is read when the services reach the provider by another address than its public
    /// issuer (compose: http://identity:8080/.well-known/openid-configuration); Authority's when null.
    /// </summary>
    public string? MetadataAddress { get; set; }

    /// <summary>False only where TLS ends in front of the provider on a private network (compose); never for a provider on the internet.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// The issuer tokens must carry: with an authority, the discovery document's issuer when null (set it when the
    /// provider's public issuer differs from the address the services read); without, <see cref="DevelopmentIssuer"/>.
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>This service's audience: the provider must issue tokens for it (e.g. the API's application id URI in Entra ID).</summary>
    public string Audience { get; set; } = "kap-platform";

    /// <summary>The development HMAC key, at least <see cref="SecretKey.MinimumBytes"/> bytes; never used when <see cref="Authority"/> is set.</summary>
    public string SigningKey { get; set; } = string.Empty;

    /// <summary>Tokens living longer than this are refused, whatever their signature (default 12 h: one clinic day).</summary>
    public int MaxTokenLifetimeHours { get; set; } = 12;

    /// <summary>Clocks of the provider and the service may differ by this much (0-300 s): more lets an expired token live on.</summary>
    public int ClockSkewSeconds { get; set; } = 30;

    /// <summary>
    /// The shortest time between two reads of the provider's keys when a token names a key the service does not know
    /// (a rotation): a new key is picked up within this time, and forged key ids cannot make the service hammer the provider.
    /// </summary>
    public int KeyRefreshSeconds { get; set; } = 30;

    /// <summary>Optional: ask the provider whether a token was revoked (<see cref="TokenIntrospection"/>).</summary>
    public IntrospectionSettings Introspection { get; set; } = new();

    /// <summary>Which claims of the provider's tokens carry the subject, roles, clinics and scopes (<see cref="ProviderClaims"/>).</summary>
    public ClaimNames Claims { get; set; } = new();

    /// <summary>The provider's role values to the platform's (e.g. Entra app role "KAP.Prescriber" to "prescriber"); a value not listed is taken as is.</summary>
    public Dictionary<string, string> RoleValues { get; set; } = [];

    public const string SigningKeySetting = "Auth:SigningKey";

    /// <summary>The key in appsettings.Development.json and deploy/dev-token.py: public, so never valid outside Development.</summary>
    public const string DevelopmentSigningKey = "development-only-signing-key-change-me-0123456789";

    public const string DevelopmentIssuer = "kap-platform";

    /// <summary>The asymmetric algorithms an authority's tokens may use; HMAC and "none" never.</summary>
    public static readonly IReadOnlyList<string> AuthorityAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSsaPssSha256];

    public bool UsesAuthority => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>The issuer development tokens carry and are checked against.</summary>
    public string TokenIssuer => Issuer ?? DevelopmentIssuer;

    /// <summary>Why this configuration must not start in the given environment, or null when it may.</summary>
    public string? Refusal(bool isDevelopmentOrTest)
    {
        if (MaxTokenLifetimeHours is < 1 or > 24 * 7)
        {
            return "Auth:MaxTokenLifetimeHours must be between 1 and 168.";
        }

        if (ClockSkewSeconds is < 0 or > 300)
        {
            return "Auth:ClockSkewSeconds must be between 0 and 300.";
        }

        if (KeyRefreshSeconds is < 1 or > 3600)
        {
            return "Auth:KeyRefreshSeconds must be between 1 and 3600.";
        }

        if (Introspection.CacheSeconds is < 1 or > 300)
        {
            return "Auth:Introspection:CacheSeconds must be between 1 and 300.";
        }

        if (!UsesAuthority)
        {
            // A shared HMAC key lets every holder mint tokens for any role: acceptable on a developer's machine only.
            return isDevelopmentOrTest
                ? SecretKey.Refusal(SigningKeySetting, SigningKey, DevelopmentSigningKey, isDevelopmentOrTest)
                : "Auth:Authority must name the OpenID Connect provider outside Development (Auth__Authority); shared-key tokens are for Development only.";
        }

        return AddressRefusal("Auth:Authority", Authority) ?? AddressRefusal("Auth:MetadataAddress", MetadataAddress);
    }

    private string? AddressRefusal(string setting, string? address)
    {
        if (address is null)
        {
            return null;
        }

        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return $"{setting} must be an absolute http(s) URL.";
        }

        return uri.Scheme == Uri.UriSchemeHttp && RequireHttpsMetadata
            ? $"{setting} is plain http: use https, or set Auth:RequireHttpsMetadata to false where TLS ends in front of the provider on a private network."
            : null;
    }

    public SymmetricSecurityKey Key() => new(Encoding.UTF8.GetBytes(SigningKey));
}

/// <summary>
/// The claim each fact is read from. Nested claims are written as a path: Keycloak's realm roles are
/// "realm_access.roles". Defaults are the platform's own names, which the platform's identity provider issues.
/// </summary>
public sealed class ClaimNames
{
    /// <summary>Entra ID: "oid" (the user's object id; "sub" differs per application).</summary>
    public string Subject { get; set; } = Clinician.SubjectClaim;

    /// <summary>Entra ID: "roles"; Okta: "groups" (or a custom claim); Keycloak: "realm_access.roles".</summary>
    public string Role { get; set; } = Clinician.RoleClaim;

    public string Clinic { get; set; } = ClinicScope.Claim;

    /// <summary>Entra ID: "scp" (delegated) or "roles" (application); Okta and Keycloak: "scope".</summary>
    public string Scope { get; set; } = SmartScopeClaim;

    public const string SmartScopeClaim = "scope";
}
