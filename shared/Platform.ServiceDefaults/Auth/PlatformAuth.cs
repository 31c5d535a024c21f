using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Platform.ServiceDefaults.Identity;

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
        if (settings.SigningKey.Length < 32)
        {
            throw new InvalidOperationException("Auth:SigningKey must be configured with at least 32 characters.");
        }

        builder.Services.AddSingleton(settings);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = settings.Issuer,
                    ValidAudience = settings.Audience,
                    IssuerSigningKey = settings.Key(),
                    RoleClaimType = "role",
                    NameClaimType = "sub",
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                o.Events = new JwtBearerEvents
                {
                    // The acting clinician is recorded on every clinical event: a token that does not say who is
                    // acting is not a valid caller (401), never an anonymous write.
                    OnTokenValidated = context =>
                    {
                        if (string.IsNullOrWhiteSpace(context.Principal?.FindFirst(Clinician.SubjectClaim)?.Value))
                        {
                            context.Fail("The token has no subject (sub) claim.");
                        }

                        return Task.CompletedTask;
                    },
                };
            });
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }
}
