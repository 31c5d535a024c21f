using Platform.Contracts;

namespace Platform.Testing;

/// <summary>
/// The contracts tests publish or feed in, with sensible defaults so a test names only what it is about.
/// </summary>
public static class ContractBuilders
{
    /// <summary>
    /// The approval Screening publishes for a safe TRD case: approved a day ago (or at <paramref name="approvedAt"/>),
    /// valid for 90 days, a severe PHQ-9 baseline two days before the approval.
    /// </summary>
    public static PatientApprovedForTreatment Approval(
        Guid? courseId = null,
        DateTimeOffset? approvedAt = null,
        Indication indication = Indication.TreatmentResistantDepression,
        TreatmentRoute route = TreatmentRoute.IvKetamine,
        IReadOnlyList<InstrumentScore>? baselineScores = null,
        DateTimeOffset? validUntil = null,
        Guid? patientId = null,
        string protocolVersion = "screening-test")
    {
        var at = approvedAt ?? DateTimeOffset.UtcNow.AddDays(-1);
        return new PatientApprovedForTreatment(
            courseId ?? Guid.NewGuid(),
            patientId ?? Guid.NewGuid(),
            Guid.NewGuid(),
            indication,
            route,
            [],
            baselineScores ?? [Phq9(20, at.AddDays(-2))],
            70m,
            at,
            validUntil ?? at.AddDays(90),
            protocolVersion);
    }

    /// <summary>A PHQ-9 total as Screening reports it in a baseline (severe at 20 and above).</summary>
    public static InstrumentScore Phq9(int total, DateTimeOffset at) => new(Platform.Instruments.InstrumentCode.Phq9, total, "severe", at);
}
