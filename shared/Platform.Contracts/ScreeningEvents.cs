namespace Platform.Contracts;

// Integration events published by Screening. No PHI: the patient is known by id only.

[MessageUrn("kap:screening:patient-approved-for-treatment.v1")]
public sealed record PatientApprovedForTreatment(
    Guid CourseId,
    Guid PatientId,
    Guid ScreeningId,
    Indication Indication,
    TreatmentRoute Route,
    IReadOnlyList<ApprovalCondition> Conditions,
    IReadOnlyList<InstrumentScore> BaselineScores,
    decimal? WeightKg,
    DateTimeOffset ApprovedAt,
    DateTimeOffset ApprovalValidUntil,
    string ProtocolVersion);

[MessageUrn("kap:screening:screening-declined.v1")]
public sealed record ScreeningDeclined(
    Guid ScreeningId,
    Guid PatientId,
    string Reason,
    IReadOnlyList<string> RuleIds,
    DateTimeOffset DeclinedAt,
    string ProtocolVersion);
