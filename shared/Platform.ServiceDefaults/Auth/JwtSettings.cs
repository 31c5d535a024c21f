using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Auth;

/// <summary>Issuer, audience and HMAC signing key, from the "Auth" configuration section.</summary>
public sealed class JwtSettings
{
    public string Issuer { get; set; } = "kap-platform";

    public string Audience { get; set; } = "kap-platform";

    /// <summary>At least <see cref="SecretKey.MinimumBytes"/> bytes. Production sets it through Auth__SigningKey; it is never committed.</summary>
    public string SigningKey { get; set; } = string.Empty;

    /// <summary>Tokens living longer than this are refused, whatever their signature (default 12 h: one clinic day).</summary>
    public int MaxTokenLifetimeHours { get; set; } = 12;

    /// <summary>The key in appsettings.Development.json and deploy/dev-token.py: public, so never valid outside Development.</summary>
    public const string SigningKeySetting = "Auth:SigningKey";

    public const string DevelopmentSigningKey = "development-only-signing-key-change-me-0123456789";

    /// <summary>Why this configuration must not start in the given environment, or null when it may.</summary>
    public string? Refusal(bool isDevelopmentOrTest)
    {
        if (SecretKey.Refusal(SigningKeySetting, SigningKey, DevelopmentSigningKey, isDevelopmentOrTest) is { } refusal)
        {
            return refusal;
        }

        return MaxTokenLifetimeHours is < 1 or > 24 * 7
            ? "Auth:MaxTokenLifetimeHours must be between 1 and 168."
            : null;
    }

    public SymmetricSecurityKey Key() => new(Encoding.UTF8.GetBytes(SigningKey));
}
