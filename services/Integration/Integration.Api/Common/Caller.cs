using System.Security.Claims;
using Platform.ServiceDefaults.Http;

namespace Integration.Api.Common;

/// <summary>
/// The clinician behind a request, as the Guid the domain records (recorded-by, therapist, prescriber). The identity
/// provider's subject may be any string; a Guid subject is used as is, any other is mapped to a stable name-based id so
/// the same clinician always gets the same id and the mapping can be recomputed from the subject for an audit.
/// </summary>
public static class Caller
{
    public const string SubjectClaim = "sub";

    /// <summary>Guid.Empty when the token carries no subject; validation then names the field as missing.</summary>
    public static Guid Id(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var subject = user.FindFirst(SubjectClaim)?.Value;
        if (string.IsNullOrWhiteSpace(subject))
        {
            return Guid.Empty;
        }

        return Guid.TryParse(subject, out var id) ? id : IdempotencyKey.ToStreamId("clinician", subject);
    }
}
