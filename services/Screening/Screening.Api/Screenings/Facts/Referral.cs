using Platform.Contracts;

namespace Screening.Api.Screenings;

public sealed record Referral(
    string ExternalReference,
    string ReferringClinician,
    Indication Indication,
    TreatmentRoute RequestedRoute,
    PatientIdentity Patient);
