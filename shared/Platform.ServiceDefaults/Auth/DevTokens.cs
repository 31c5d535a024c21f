using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Auth;

/// <summary>Mints bearer tokens for development and tests; production tokens come from the clinic's identity provider.</summary>
public static class DevTokens
{
    /// <param name="clinics">The clinics the token grants; the development clinic when null, none when empty.</param>
    public static string Mint(JwtSettings settings, string role, string subject, TimeSpan lifetime, IReadOnlyList<string>? clinics = null)
    {
        var claims = new List<Claim> { new(Clinician.SubjectClaim, subject), new(Clinician.RoleClaim, role) };
        claims.AddRange((clinics ?? [ClinicScope.Development]).Select(c => new Claim(ClinicScope.Claim, c)));
        var descriptor = new SecurityTokenDescriptor {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity(claims),
            Expires = DateTime.UtcNow.Add(lifetime),
            SigningCredentials = new SigningCredentials(settings.Key(), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
