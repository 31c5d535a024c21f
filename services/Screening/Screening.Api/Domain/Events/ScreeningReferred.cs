using Platform.Contracts;
using Screening.Api.Domain.Facts;

namespace Screening.Api.Domain.Events;

/// <summary>Starts a screening stream. Carries the PHI identity: this stream must stay in this service.</summary>
public sealed record ScreeningReferred(
    Guid ScreeningId,
    Guid PatientId,
    string ExternalReference,
    string ReferringClinician,
    Indication Indication,
    TreatmentRoute RequestedRoute,
    PatientIdentity Patient,
    Guid ReferredBy,
    DateTimeOffset ReferredAt);
