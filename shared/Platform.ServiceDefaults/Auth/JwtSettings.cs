using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Auth;

/// <summary>Issuer, audience and HMAC signing key, from the "Auth" configuration section.</summary>
public sealed class JwtSettings
{
    public string Issuer { get; set; } = "kap-platform";

    public string Audience { get; set; } = "kap-platform";

    /// <summary>At least 32 bytes. Production sets it through Auth__SigningKey; it is never committed.</summary>
    public string SigningKey { get; set; } = string.Empty;

    public SymmetricSecurityKey Key() => new(Encoding.UTF8.GetBytes(SigningKey));
}
