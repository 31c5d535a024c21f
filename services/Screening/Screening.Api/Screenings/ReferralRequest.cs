using Platform.Contracts;
using Screening.Api.Domain.Facts;

namespace Screening.Api.Screenings;

/// <summary>
/// A referral from another clinic system or an intake coordinator. <paramref name="PatientId"/> links the new
/// screening to an existing patient's history; omit it for a new patient.
/// </summary>
public sealed record ReferralRequest(
    string ExternalReference,
    string ReferringClinician,
    Indication Indication,
    TreatmentRoute RequestedRoute,
    PatientRequest Patient,
    Guid? PatientId = null);

/// <summary>The patient's identity (PHI): an email or a phone number, or both.</summary>
public sealed record PatientRequest(string FullName, DateOnly BirthDate, string? Email = null, string? Phone = null)
{
    public PatientIdentity ToIdentity() => new(FullName, BirthDate, Email, Phone);
}

/// <summary>The screening a referral opened (or the one a retried referral had already opened).</summary>
public sealed record ReferralAccepted(Guid Id, Guid PatientId, long Version);
