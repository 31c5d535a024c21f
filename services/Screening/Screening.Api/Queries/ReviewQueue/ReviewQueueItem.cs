using Platform.Contracts;

namespace Screening.Api.Queries;

/// <summary>
/// One open screening as a prescriber's queue shows it. <see cref="InQueue"/> is true while it awaits sign-off
/// (every fact recorded) or carries a flag a prescriber must see at once, whatever is still missing.
/// </summary>
public sealed record ReviewQueueItem(
    Guid Id,
    Guid PatientId,
    [property: Phi] string PatientName,
    Indication Indication,
    TreatmentRoute RequestedRoute,
    DateTimeOffset ReferredAt) : IPhiRecord
{
    Guid IPhiRecord.PhiSubject => Id;

    /// <summary>The screening stream's version, set by Marten: the queue row's ETag for a conditional sign-off.</summary>
    public long Version { get; set; }

    public bool Open { get; init; } = true;

    public bool Complete { get; init; }

    public EligibilityOutcome? Outcome { get; init; }

    public IReadOnlyList<EligibilityFlag> Flags { get; init; } = [];

    public IReadOnlyList<string> FiredRuleIds { get; init; } = [];

    public bool HighSuicideRisk { get; init; }

    public bool InQueue { get; init; }

    public DateTimeOffset LastChangedAt { get; init; }
}
