using Platform.Contracts;
using Screening.Api.Domain.Eligibility;

namespace Screening.Api.Domain.Events;

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
    string? Justification,
    DateTimeOffset ApprovedAt,
    DateTimeOffset ValidUntil,
    string ProtocolVersion);
