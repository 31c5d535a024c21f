using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults.Auth;

/// <summary>
/// The one rule for a secret key read from configuration (the token signing key, the analyst pseudonym key):
/// long enough to resist guessing, and never the public development key outside Development and tests, because
/// that key is committed and anyone could sign tokens or re-identify analyst rows with it.
/// </summary>
public static class SecretKey
{
    public const int MinimumBytes = 32;

    /// <summary>Where the public development keys are accepted: a developer's machine and the test hosts.</summary>
    public static bool IsDevelopmentOrTest(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.IsDevelopment() || environment.IsEnvironment("Testing");
    }

    /// <summary>
    /// Why <paramref name="key"/> must not be used in this environment, or null when it may. The message names
    /// <paramref name="setting"/> (e.g. "Auth:SigningKey") and the environment variable that sets it, so whoever
    /// deploys knows what to fix.
    /// </summary>
    public static string? Refusal(string setting, string? key, string publicDevelopmentKey, bool isDevelopmentOrTest)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(setting);
        if (key is null || Encoding.UTF8.GetByteCount(key) < MinimumBytes)
        {
            return $"{setting} must be configured with at least {MinimumBytes} bytes.";
        }

        return !isDevelopmentOrTest && key == publicDevelopmentKey
            ? $"{setting} is the public development key; set a secret key ({setting.Replace(":", "__", StringComparison.Ordinal)}) outside Development."
            : null;
    }
}
