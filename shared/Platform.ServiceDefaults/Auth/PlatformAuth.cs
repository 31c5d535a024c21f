using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Auth;

public static class PlatformAuth
{
    /// <summary>
    /// JWT bearer with role policies; every endpoint requires an authenticated caller unless it opts out
    /// (health and the OpenAPI document only).
    /// </summary>
    public static WebApplicationBuilder AddPlatformAuth(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Auth").Get<JwtSettings>() ?? new JwtSettings();
        if (settings.Refusal(SecretKey.IsDevelopmentOrTest(builder.Environment)) is { } refusal)
        {
            throw new InvalidOperationException(refusal);
        }

        builder.Services.AddSingleton(settings);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters {
                    ValidIssuer = settings.Issuer,
                    ValidAudience = settings.Audience,
                    IssuerSigningKey = settings.Key(),
                    RoleClaimType = "role",
                    NameClaimType = "sub",
                    ClockSkew = TimeSpan.FromSeconds(30),
                    RequireExpirationTime = true,
                };
                o.Events = new JwtBearerEvents {
                    // The acting clinician is recorded on every clinical event: a token that does not say who is
                    // acting is not a valid caller (401), never an anonymous write.
                    OnTokenValidated = context =>
                    {
                        var subject = context.Principal?.FindFirst(Clinician.SubjectClaim)?.Value;
                        if (string.IsNullOrWhiteSpace(subject))
                        {
                            context.Fail("The token has no subject (sub) claim.");
                        }
                        else if (!Clinician.IsWellFormedSubject(subject))
                        {
                            // The subject is stored on every event and audit row: a 10,000-character or control-laden
                            // one is an attack on those tables, not an identity any provider issues.
                            context.Fail($"The token's subject (sub) must be 1-{Clinician.MaxSubjectLength} printable characters.");
                        }
                        else if (context.SecurityToken is JsonWebToken token && LivesTooLong(token, settings))
                        {
                            // A stolen long-lived token is a standing key to PHI; the identity provider must issue short ones.
                            context.Fail($"The token lives longer than {settings.MaxTokenLifetimeHours} h.");
                        }

                        return Task.CompletedTask;
                    },
                };
            });
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }

    private static bool LivesTooLong(JsonWebToken token, JwtSettings settings)
    {
        var issued = token.IssuedAt > DateTime.MinValue ? token.IssuedAt : token.ValidFrom > DateTime.MinValue ? token.ValidFrom : DateTime.UtcNow;
        return token.ValidTo - issued > TimeSpan.FromHours(settings.MaxTokenLifetimeHours);
    }
}
