using System.Reflection;
using System.Security.Claims;

namespace Platform.ServiceDefaults.Identity;

/// <summary>
/// The acting clinician (or clinic system) behind a request, taken from the validated bearer token and never from a
/// request body. Endpoints take it as a parameter; every "recorded by / administered by / decided by" on a clinical
/// event is <see cref="Id"/>.
/// </summary>
/// <param name="Id">
/// The id the domain records. A Guid subject is used as is; any other subject maps to a stable name-based id, so the
/// same clinician always gets the same id and an auditor can recompute it from the subject.
/// </param>
/// <param name="Subject">The token's <c>sub</c> claim as the identity provider issued it.</param>
/// <param name="Role">The token's role claim (see <see cref="Auth.Roles"/>).</param>
public sealed record Clinician(Guid Id, string Subject, string Role)
{
    public const string SubjectClaim = "sub";
    public const string RoleClaim = "role";

    /// <summary>
    /// The caller of an authenticated request. Authentication already refuses a token without <c>sub</c> (401), so a
    /// missing subject here is a programming error (an endpoint that allows anonymous callers asked for one).
    /// </summary>
    public static Clinician From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var subject = user.FindFirst(SubjectClaim)?.Value;
        if (string.IsNullOrWhiteSpace(subject))
        {
            throw new InvalidOperationException("The request has no authenticated subject; the endpoint must require authentication.");
        }

        return new Clinician(IdOf(subject), subject, user.FindFirst(RoleClaim)?.Value ?? string.Empty);
    }

    /// <summary>The longest subject accepted: identity providers issue GUIDs or short opaque ids (Entra ID 43, Okta 20).</summary>
    public const int MaxSubjectLength = 200;

    public static bool IsWellFormedSubject(string subject) =>
        subject.Length <= MaxSubjectLength && !subject.Any(char.IsControl);

    public static Guid IdOf(string subject) =>
        Guid.TryParse(subject, out var id) ? id : IdempotencyKey.ToStreamId("clinician", subject);

    /// <summary>Lets a minimal-API endpoint take the caller as a parameter; it never appears in the OpenAPI document.</summary>
    public static ValueTask<Clinician?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult<Clinician?>(From(context.User));
    }
}
