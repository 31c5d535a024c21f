using Platform.Contracts;

namespace Screening.Api.Queries;

/// <summary>The recorded evaluation with its full explanation: every reason, the facts it used, the protocol version.</summary>
public sealed record EligibilityView(
    EligibilityOutcome Outcome,
    IReadOnlyList<string> FiredRuleIds,
    IReadOnlyList<EligibilityReason> Reasons,
    IReadOnlyList<ApprovalCondition> Conditions,
    IReadOnlyList<EligibilityFlag> Flags,
    string ProtocolVersion,
    DateTimeOffset EvaluatedAt)
{
    public static EligibilityView From(EligibilityEvaluated e) => new(
        e.Outcome,
        e.Reasons.Where(r => r.Outcome != EligibilityOutcome.Eligible).Select(r => r.RuleId).ToList(),
        e.Reasons,
        e.Conditions,
        e.Flags,
        e.ProtocolVersion,
        e.EvaluatedAt);
}

/// <summary>A referral's progress for other clinic systems: identifiers, status and dates, never a clinical fact.</summary>
public sealed record ScreeningStatusView(
    Guid Id,
    Guid PatientId,
    string ExternalReference,
    ScreeningStatus Status,
    DateTimeOffset ReferredAt,
    DateTimeOffset LastChangedAt,
    Guid? CourseId,
    DateTimeOffset? ApprovalValidUntil,
    long Version)
{
    public static ScreeningStatusView From(ScreeningCase s) => new(
        s.Id, s.PatientId, s.Referral.ExternalReference, s.Status, s.ReferredAt, s.LastChangedAt,
        s.Approval?.CourseId, s.Approval?.ValidUntil, s.Version);
}

/// <summary>Everything recorded in one screening (PHI included), as it stands now or at an earlier instant.</summary>
public sealed record ScreeningDetail(
    Guid Id,
    Guid PatientId,
    ScreeningStatus Status,
    Referral Referral,
    DateTimeOffset ReferredAt,
    DateTimeOffset LastChangedAt,
    MedicalHistory? MedicalHistory,
    PsychiatricHistory? PsychiatricHistory,
    IReadOnlyList<Medication>? Medications,
    PriorTreatments? PriorTreatments,
    Vitals? Vitals,
    IReadOnlyList<AdministeredInstrument> Instruments,
    IReadOnlyList<string> MissingFacts,
    EligibilityView? Eligibility,
    ScreeningApproved? Approval,
    global::Screening.Api.Screenings.ScreeningDeclined? Decline,
    ReScreeningRequired? ReScreening,
    long Version)
{
    public static ScreeningDetail From(ScreeningCase s, long version) => new(
        s.Id,
        s.PatientId,
        s.Status,
        s.Referral,
        s.ReferredAt,
        s.LastChangedAt,
        s.MedicalHistory,
        s.PsychiatricHistory,
        s.Medications,
        s.PriorTreatments,
        s.Vitals,
        s.Instruments,
        RequiredFacts.Missing(s),
        s.LastEvaluation is { } evaluation ? EligibilityView.From(evaluation) : null,
        s.Approval,
        s.Decline,
        s.ReScreening,
        version);
}

/// <summary>One screening in a patient's history.</summary>
public sealed record ScreeningSummary(
    Guid Id,
    ScreeningStatus Status,
    Indication Indication,
    TreatmentRoute RequestedRoute,
    EligibilityOutcome? Outcome,
    DateTimeOffset ReferredAt,
    DateTimeOffset LastChangedAt,
    Guid? CourseId,
    DateTimeOffset? ApprovalValidUntil)
{
    public static ScreeningSummary From(ScreeningCase s) => new(
        s.Id,
        s.Status,
        s.Referral.Indication,
        s.Referral.RequestedRoute,
        s.LastEvaluation?.Outcome,
        s.ReferredAt,
        s.LastChangedAt,
        s.Approval?.CourseId,
        s.Approval?.ValidUntil);
}
