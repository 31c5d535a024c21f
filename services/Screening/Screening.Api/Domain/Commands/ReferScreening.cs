using Platform.Contracts;
using Screening.Api.Domain.Facts;

namespace Screening.Api.Domain.Commands;

/// <summary>
/// Opens a screening. The caller mints <paramref name="ScreeningId"/> (the stream id) and chooses
/// <paramref name="PatientId"/>: a new id, or an existing patient's id so screenings form a history.
/// </summary>
public sealed record ReferScreening(
    Guid ScreeningId,
    Guid PatientId,
    string ExternalReference,
    string ReferringClinician,
    Indication Indication,
    TreatmentRoute RequestedRoute,
    PatientIdentity Patient,
    Guid ReferredBy);
