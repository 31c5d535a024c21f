using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Auth;

/// <summary>Mints bearer tokens for development and tests; every other token comes from the identity provider.</summary>
public static class DevTokens
{
    /// <param name="clinics">The clinics the token grants; the development clinic when null, none when empty.</param>
    /// <param name="scopes">The SMART scopes (FHIR access); every resource for the role's context when null (<see cref="DefaultScope"/>).</param>
    public static string Mint(
        JwtSettings settings, string role, string subject, TimeSpan lifetime, IReadOnlyList<string>? clinics = null, string? scopes = null)
    {
        var claims = new List<Claim> {
            new(Clinician.SubjectClaim, subject), new(Clinician.RoleClaim, role), new(ClaimNames.SmartScopeClaim, scopes ?? DefaultScope(role)),
        };
        claims.AddRange((clinics ?? [ClinicScope.Development]).Select(c => new Claim(ClinicScope.Claim, c)));
        var descriptor = new SecurityTokenDescriptor {
            Issuer = settings.TokenIssuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity(claims),
            Expires = DateTime.UtcNow.Add(lifetime),
            SigningCredentials = new SigningCredentials(settings.Key(), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>What the platform's identity provider grants such a caller by default: a clinic system acts as itself, a clinician as a user.</summary>
    public static string DefaultScope(string role) => role == Roles.System ? "system/*.cruds" : "user/*.cruds";
}
