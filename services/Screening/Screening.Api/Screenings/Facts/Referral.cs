using Platform.Contracts;

namespace Screening.Api.Screenings;

public sealed record Referral(
    [property: Phi] string ExternalReference,
    string ReferringClinician,
    Indication Indication,
    TreatmentRoute RequestedRoute,
    PatientIdentity Patient);
