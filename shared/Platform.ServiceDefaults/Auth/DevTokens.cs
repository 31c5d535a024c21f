using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Auth;

/// <summary>Mints bearer tokens for development and tests; production tokens come from the clinic's identity provider.</summary>
public static class DevTokens
{
    public static string Mint(JwtSettings settings, string role, string subject, TimeSpan lifetime)
    {
        var descriptor = new SecurityTokenDescriptor {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("role", role)]),
            Expires = DateTime.UtcNow.Add(lifetime),
            SigningCredentials = new SigningCredentials(settings.Key(), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
