using System.Security.Claims;
using System.Text.Json;

namespace Platform.ServiceDefaults.Auth;

/// <summary>
/// Rewrites a validated token's claims into the platform's names (<c>sub</c>, <c>role</c>, <c>clinic</c>, <c>scope</c>),
/// read from wherever the clinic's provider puts them (<see cref="JwtSettings.Claims"/>), so everything after
/// authentication (roles, the clinic scope, SMART scopes, the acting clinician) reads one vocabulary whatever the provider.
/// </summary>
public static class ProviderClaims
{
    private static readonly HashSet<string> Canonical =
        [Clinician.SubjectClaim, Clinician.RoleClaim, ClinicScope.Claim, ClaimNames.SmartScopeClaim];

    public static ClaimsPrincipal Normalise(ClaimsPrincipal principal, JwtSettings settings)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(settings);
        var identity = principal.Identity as ClaimsIdentity ?? new ClaimsIdentity();
        var claims = identity.Claims.ToList();
        var names = settings.Claims;

        var normalised = claims.Where(c => !Canonical.Contains(c.Type)).ToList();
        if (Values(claims, names.Subject).FirstOrDefault() is { } subject)
        {
            normalised.Add(new Claim(Clinician.SubjectClaim, subject));
        }

        normalised.AddRange(Values(claims, names.Role)
            .Select(role => settings.RoleValues.TryGetValue(role, out var mapped) ? mapped : role)
            .Distinct(StringComparer.Ordinal)
            .Select(role => new Claim(Clinician.RoleClaim, role)));
        normalised.AddRange(Values(claims, names.Clinic).Distinct(StringComparer.Ordinal).Select(clinic => new Claim(ClinicScope.Claim, clinic)));
        // One claim per scope: OAuth writes them space-separated in one string, some providers as an array.
        normalised.AddRange(Values(claims, names.Scope)
            .SelectMany(value => value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal)
            .Select(scope => new Claim(ClaimNames.SmartScopeClaim, scope)));

        return new ClaimsPrincipal(new ClaimsIdentity(normalised, identity.AuthenticationType, Clinician.SubjectClaim, Clinician.RoleClaim));
    }

    /// <summary>The values of a claim, or of a field inside a JSON claim when <paramref name="path"/> is dotted ("realm_access.roles").</summary>
    private static IEnumerable<string> Values(List<Claim> claims, string path)
    {
        var direct = claims.Where(c => c.Type == path).Select(c => c.Value).ToList();
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        if (direct.Count > 0 || dot < 0)
        {
            return direct;
        }

        var fields = path[(dot + 1)..].Split('.');
        return claims.Where(c => c.Type == path[..dot]).SelectMany(c => Nested(c.Value, fields)).ToList();
    }

    private static IEnumerable<string> Nested(string json, string[] fields)
    {
        JsonElement element;
        try
        {
            element = JsonSerializer.Deserialize<JsonElement>(json);
        }
        catch (JsonException)
        {
            return [];
        }

        foreach (var field in fields)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(field, out element))
            {
                return [];
            }
        }

        return element.ValueKind switch {
            JsonValueKind.String => [element.GetString()!],
            JsonValueKind.Array => element.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList(),
            _ => [],
        };
    }
}
