using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Auth;

public static class PlatformAuth
{
    /// <summary>The scheme every endpoint authenticates with; it forwards to one of the two below.</summary>
    public const string Scheme = JwtBearerDefaults.AuthenticationScheme;

    /// <summary>Tokens of the OpenID Connect provider (Auth:Authority).</summary>
    public const string ProviderScheme = "Provider";

    /// <summary>Tokens signed with the development HMAC key; Development and tests only.</summary>
    public const string DevelopmentScheme = "Development";

    /// <summary>
    /// JWT bearer with role policies; every endpoint requires an authenticated caller unless it opts out
    /// (health and the OpenAPI document only). Tokens come from the OpenID Connect provider named by Auth:Authority,
    /// or, in Development and tests, are signed with the development HMAC key.
    /// </summary>
    public static WebApplicationBuilder AddPlatformAuth(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Auth").Get<JwtSettings>() ?? new JwtSettings();
        if (settings.Refusal(SecretKey.IsDevelopmentOrTest(builder.Environment)) is { } refusal)
        {
            throw new InvalidOperationException(refusal);
        }

        builder.Services.AddSingleton(settings);
        if (settings.UsesAuthority && settings.Introspection.Enabled)
        {
            builder.Services.AddMemoryCache();
            builder.Services.AddHttpClient(TokenIntrospection.HttpClientName);
            builder.Services.AddSingleton<TokenIntrospection>();
        }

        var development = SecretKey.IsDevelopmentOrTest(builder.Environment) && !string.IsNullOrEmpty(settings.SigningKey);
        var authentication = builder.Services.AddAuthentication(Scheme);
        if (settings.UsesAuthority)
        {
            authentication.AddJwtBearer(ProviderScheme, o => Configure(o, settings, fromProvider: true));
        }

        if (development)
        {
            authentication.AddJwtBearer(DevelopmentScheme, o => Configure(o, settings, fromProvider: false));
        }

        // One scheme the endpoints know: on a developer's machine with the platform's identity provider running, both
        // its tokens and deploy/dev-token.py's (HS256) are accepted; everywhere else only the provider's.
        authentication.AddPolicyScheme(Scheme, Scheme, o => o.ForwardDefaultSelector = context =>
            !settings.UsesAuthority || (development && IsSharedKeyToken(context.Request.Headers.Authorization.ToString()))
                ? DevelopmentScheme
                : ProviderScheme);
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }

    private static void Configure(JwtBearerOptions o, JwtSettings settings, bool fromProvider)
    {
        o.MapInboundClaims = false;
        o.TokenValidationParameters = new TokenValidationParameters {
            ValidAudience = settings.Audience,
            RoleClaimType = Clinician.RoleClaim,
            NameClaimType = Clinician.SubjectClaim,
            ClockSkew = TimeSpan.FromSeconds(settings.ClockSkewSeconds),
            RequireExpirationTime = true,
            RequireSignedTokens = true,
        };
        if (fromProvider)
        {
            // Discovery and the JWKS are read from the provider and cached; a token signed with a key the cache does
            // not hold makes the handler read them again (no more often than KeyRefreshSeconds), so a rotated key is
            // accepted without a restart.
            o.Authority = settings.Authority;
            o.MetadataAddress = settings.MetadataAddress ?? string.Empty;
            o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            o.RefreshOnIssuerKeyNotFound = true;
            o.RefreshInterval = TimeSpan.FromSeconds(settings.KeyRefreshSeconds);
            // Also read unprompted every 5 minutes, so a key the provider publishes is usually known before its first token.
            o.AutomaticRefreshInterval = TimeSpan.FromMinutes(5);
            o.TokenValidationParameters.ValidIssuer = settings.Issuer; // null: the discovery document's issuer
            o.TokenValidationParameters.ValidAlgorithms = JwtSettings.AuthorityAlgorithms;
        }
        else
        {
            o.TokenValidationParameters.ValidIssuer = settings.TokenIssuer;
            o.TokenValidationParameters.IssuerSigningKey = settings.Key();
            o.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        }

        o.Events = new JwtBearerEvents {
            OnTokenValidated = async context =>
            {
                // The provider's names for subject, roles, clinics and scopes become the platform's.
                context.Principal = ProviderClaims.Normalise(context.Principal!, settings);
                var refusal = Refusal(context, settings);
                if (refusal is null && fromProvider && settings.Introspection.Enabled && context.SecurityToken is JsonWebToken token)
                {
                    refusal = await context.HttpContext.RequestServices.GetRequiredService<TokenIntrospection>().RefusalAsync(context, token.EncodedToken);
                }

                if (refusal is not null)
                {
                    context.Fail(refusal);
                }
            },
        };
    }

    /// <summary>Whether the bearer token's header says HS256 (a development token); read unvalidated, only to pick the validator.</summary>
    private static bool IsSharedKeyToken(string authorization)
    {
        const string bearer = "Bearer ";
        if (!authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var handler = new JsonWebTokenHandler();
        var token = authorization[bearer.Length..].Trim();
        try
        {
            return handler.CanReadToken(token) && handler.ReadJsonWebToken(token).Alg == SecurityAlgorithms.HmacSha256;
        }
        catch (ArgumentException)
        {
            return false; // malformed: the provider's validator refuses it with a 401
        }
    }

    private static string? Refusal(TokenValidatedContext context, JwtSettings settings)
    {
        var subject = context.Principal?.FindFirst(Clinician.SubjectClaim)?.Value;
        if (string.IsNullOrWhiteSpace(subject))
        {
            // The acting clinician is recorded on every clinical event: a token that does not say who is acting is
            // not a valid caller (401), never an anonymous write.
            return "The token has no subject (sub) claim.";
        }

        if (!Clinician.IsWellFormedSubject(subject))
        {
            // The subject is stored on every event and audit row: a 10,000-character or control-laden one is an
            // attack on those tables, not an identity any provider issues.
            return $"The token's subject (sub) must be 1-{Clinician.MaxSubjectLength} printable characters.";
        }

        // A stolen long-lived token is a standing key to PHI; the identity provider must issue short ones.
        return context.SecurityToken is JsonWebToken token && LivesTooLong(token, settings)
            ? $"The token lives longer than {settings.MaxTokenLifetimeHours} h."
            : null;
    }

    private static bool LivesTooLong(JsonWebToken token, JwtSettings settings)
    {
        var issued = token.IssuedAt > DateTime.MinValue ? token.IssuedAt : token.ValidFrom > DateTime.MinValue ? token.ValidFrom : DateTime.UtcNow;
        return token.ValidTo - issued > TimeSpan.FromHours(settings.MaxTokenLifetimeHours);
    }
}
