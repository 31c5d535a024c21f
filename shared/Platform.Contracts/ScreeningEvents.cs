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

/// <summary>
/// Version 2 of the approval: the weight as a UCUM quantity and each baseline score with its LOINC code. Published
/// beside v1 while consumers of the previous release still run (<c>Messaging:Publish:PatientApprovedForTreatment</c>);
/// consumers take both, v1 upcast by <see cref="From"/>, and deduplicate them as one family (<see cref="ContractVersions"/>).
/// </summary>
[MessageUrn("kap:screening:patient-approved-for-treatment.v2")]
public sealed record PatientApprovedForTreatmentV2(
    Guid CourseId,
    Guid PatientId,
    Guid ScreeningId,
    Indication Indication,
    TreatmentRoute Route,
    IReadOnlyList<ApprovalCondition> Conditions,
    IReadOnlyList<CodedInstrumentScore> BaselineScores,
    UcumQuantity? Weight,
    DateTimeOffset ApprovedAt,
    DateTimeOffset ApprovalValidUntil,
    string ProtocolVersion)
{
    /// <summary>
    /// A v1 approval in the v2 shape, so consumers have one handling path. v1 carried no LOINC codes, so the scores
    /// have none (no consumer reads them; the instrument code says what was measured).
    /// </summary>
    public static PatientApprovedForTreatmentV2 From(PatientApprovedForTreatment v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        return new PatientApprovedForTreatmentV2(
            v1.CourseId,
            v1.PatientId,
            v1.ScreeningId,
            v1.Indication,
            v1.Route,
            v1.Conditions,
            [.. v1.BaselineScores.Select(s => new CodedInstrumentScore(s.Instrument, s.Total, s.Band, s.AdministeredAt, LoincCode: null))],
            v1.WeightKg is { } kg ? UcumQuantity.Kilograms(kg) : null,
            v1.ApprovedAt,
            v1.ApprovalValidUntil,
            v1.ProtocolVersion);
    }
}

[MessageUrn("kap:screening:screening-declined.v1")]
public sealed record ScreeningDeclined(
    Guid ScreeningId,
    Guid PatientId,
    [property: Phi] string Reason,
    IReadOnlyList<string> RuleIds,
    DateTimeOffset DeclinedAt,
    string ProtocolVersion) : IPhiRecord
{
    Guid IPhiRecord.PhiSubject => ScreeningId;
}
