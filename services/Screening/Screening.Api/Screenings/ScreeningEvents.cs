using Platform.Contracts;
using Platform.Instruments;

namespace Screening.Api.Screenings;

/// <summary>The rules' result over the facts known at <paramref name="EvaluatedAt"/>, under one protocol version.</summary>
public sealed record EligibilityEvaluated(
    Guid ScreeningId,
    EligibilityOutcome Outcome,
    IReadOnlyList<EligibilityReason> Reasons,
    IReadOnlyList<ApprovalCondition> Conditions,
    IReadOnlyList<EligibilityFlag> Flags,
    string ProtocolVersion,
    DateTimeOffset EvaluatedAt);

/// <summary>
/// Item answers plus the total, band and risk level the service computed at the time, so a later change
/// of scoring code never silently changes what was recorded.
/// </summary>
public sealed record InstrumentAdministered(
    Guid ScreeningId,
    InstrumentCode Instrument,
    string InstrumentName,
    IReadOnlyList<int> Items,
    bool? BehaviourWithinPastThreeMonths,
    int Total,
    string Band,
    SuicideRiskLevel? RiskLevel,
    string? LoincCode,
    DateTimeOffset AdministeredAt,
    Guid RecordedBy,
    DateTimeOffset RecordedAt);

/// <summary>A complete medical history; a later one replaces it as a whole.</summary>
public sealed record MedicalHistoryRecorded(Guid ScreeningId, MedicalHistory History, Guid RecordedBy, DateTimeOffset RecordedAt);

/// <summary>The full current medication list (empty means "none"); a later list replaces it.</summary>
public sealed record MedicationsRecorded(Guid ScreeningId, IReadOnlyList<Medication> Medications, Guid RecordedBy, DateTimeOffset RecordedAt);

/// <summary>All prior treatments (empty lists mean "none"); a later record replaces them.</summary>
public sealed record PriorTreatmentsRecorded(Guid ScreeningId, PriorTreatments Treatments, Guid RecordedBy, DateTimeOffset RecordedAt);

/// <summary>A complete psychiatric history; a later one replaces it as a whole.</summary>
public sealed record PsychiatricHistoryRecorded(Guid ScreeningId, PsychiatricHistory History, Guid RecordedBy, DateTimeOffset RecordedAt);

/// <summary>
/// This screening no longer supports dosing (safety hold, expired approval): the patient needs a new
/// screening case. <paramref name="HoldId"/> is set when a safety hold caused it.
/// </summary>
public sealed record ReScreeningRequired(
    Guid ScreeningId,
    Guid PatientId,
    Guid? CourseId,
    Guid? HoldId,
    [property: Phi] string Reason,
    DateTimeOffset RequiredAt) : IPhiRecord
{
    Guid IPhiRecord.PhiSubject => ScreeningId;
}

/// <summary>
/// The prescriber who released safety hold <paramref name="HoldId"/> stated that re-screening is not needed, and why.
/// <paramref name="ApprovedAgain"/>: no other hold (or expiry) still requires re-screening, so the case is approved
/// again on its original sign-off.
/// </summary>
public sealed record ReScreeningWaived(
    Guid ScreeningId,
    Guid PatientId,
    Guid CourseId,
    Guid HoldId,
    [property: Phi] string Reason,
    Guid? WaivedBy,
    bool ApprovedAgain,
    DateTimeOffset WaivedAt) : IPhiRecord
{
    Guid IPhiRecord.PhiSubject => ScreeningId;
}

/// <summary>
/// The prescriber's sign-off. Holds everything <c>PatientApprovedForTreatment</c> needs (no PHI), so the
/// relay maps it without reading other events.
/// </summary>
public sealed record ScreeningApproved(
    Guid ScreeningId,
    Guid CourseId,
    Guid PatientId,
    Indication Indication,
    TreatmentRoute Route,
    EligibilityOutcome OutcomeAtSignOff,
    IReadOnlyList<string> RuleIdsAtSignOff,
    IReadOnlyList<ApprovalCondition> Conditions,
    IReadOnlyList<InstrumentScore> BaselineScores,
    decimal? WeightKg,
    Guid PrescriberId,
    [property: Phi] string? Justification,
    DateTimeOffset ApprovedAt,
    DateTimeOffset ValidUntil,
    string ProtocolVersion) : IPhiRecord
{
    Guid IPhiRecord.PhiSubject => ScreeningId;
}

/// <summary>
/// The prescriber declined. Same name as the integration contract <c>Platform.Contracts.ScreeningDeclined</c>:
/// qualify one of them where both namespaces are imported.
/// </summary>
public sealed record ScreeningDeclined(
    Guid ScreeningId,
    Guid PatientId,
    Guid PrescriberId,
    [property: Phi] string Reason,
    IReadOnlyList<string> RuleIds,
    DateTimeOffset DeclinedAt,
    string ProtocolVersion) : IPhiRecord
{
    Guid IPhiRecord.PhiSubject => ScreeningId;
}

/// <summary>
/// Starts a screening stream. Carries the PHI identity: this stream must stay in this service. The reference is sealed;
/// <paramref name="ExternalReferenceDigest"/> (keyed, PatientKeys.Digest) is what a search by identifier matches.
/// </summary>
public sealed record ScreeningReferred(
    Guid ScreeningId,
    Guid PatientId,
    [property: Phi] string ExternalReference,
    string ReferringClinician,
    Indication Indication,
    TreatmentRoute RequestedRoute,
    PatientIdentity Patient,
    Guid ReferredBy,
    DateTimeOffset ReferredAt,
    string? ExternalReferenceDigest = null) : IPhiRecord
{
    Guid IPhiRecord.PhiSubject => ScreeningId;
}

/// <summary>Resting vitals at screening; the latest reading is the one the rules use.</summary>
public sealed record VitalsRecorded(Guid ScreeningId, Vitals Vitals, Guid RecordedBy, DateTimeOffset RecordedAt);

/// <summary>
/// A privacy officer corrected <paramref name="Field"/> at the patient's request (HIPAA 45 CFR 164.526): reads show
/// <paramref name="Corrected"/>, and <paramref name="Original"/> stays here for the privacy officer's amendment log.
/// </summary>
public sealed record RecordAmended(
    Guid ScreeningId,
    Guid PatientId,
    string Field,
    [property: Phi] string? Original,
    [property: Phi] string? Corrected,
    [property: Phi] string Reason,
    Guid AmendedBy,
    DateTimeOffset AmendedAt) : IPhiRecord
{
    Guid IPhiRecord.PhiSubject => ScreeningId;
}

/// <summary>A privacy officer refused the patient's request to change <paramref name="Field"/>, and why (164.526(d)).</summary>
public sealed record AmendmentRefused(
    Guid ScreeningId,
    Guid PatientId,
    string Field,
    [property: Phi] string? Requested,
    [property: Phi] string Reason,
    Guid RefusedBy,
    DateTimeOffset RefusedAt) : IPhiRecord
{
    Guid IPhiRecord.PhiSubject => ScreeningId;
}
