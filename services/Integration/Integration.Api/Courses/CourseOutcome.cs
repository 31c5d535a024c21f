namespace Integration.Api.Courses;

/// <summary>An adverse event with its current grade (a regrade replaces the severity, the history stays in the stream).</summary>
public sealed record AdverseEventEntry(
    Guid AdverseEventId,
    AdverseEventType Type,
    AdverseEventSeverity Severity,
    DateTimeOffset OccurredAt,
    int? OnsetMinutesAfterDose,
    Guid? DosingSessionId,
    DateTimeOffset RecordedAt);

public sealed record HoldReason(SafetyHoldTrigger Trigger, [property: Phi] string Reason, Guid SourceId, DateTimeOffset At);

public sealed record SafetyHold(
    Guid HoldId,
    SafetyHoldTrigger Trigger,
    DateTimeOffset PlacedAt,
    IReadOnlyList<HoldReason> Reasons,
    DateTimeOffset? ReleasedAt = null,
    Guid? ReleasedBy = null)
{
    public bool IsActive => ReleasedAt is null;
}

public sealed record CourseEvaluation(
    CourseResponse Response,
    CourseRecommendation Recommendation,
    Guid EvaluatedBy,
    DateTimeOffset EvaluatedAt);

/// <summary>
/// The write model of one course's outcome record. Immutable: <see cref="Evolve"/> returns a new value. Free-text PHI
/// (notes, intentions, justifications) is left out: no rule needs it, and read models take it from the events.
/// </summary>
public sealed record CourseOutcome(
    Guid Id,
    Guid PatientId,
    Indication Indication,
    TreatmentRoute Route,
    DateTimeOffset ApprovedAt,
    string ScreeningProtocolVersion,
    string OutcomeProtocolVersion,
    IReadOnlyList<BaselineScore> Baseline) : IPhiRecord
{
    Guid IPhiRecord.PhiSubject => Id;

    /// <summary>The stream version Marten sets on every update, so a read answers with its ETag in one round trip.</summary>
    public long Version { get; set; }

    public IReadOnlyList<DosingSessionRecorded> DosingSessions { get; init; } = [];

    /// <summary>Dosing sessions whose dose has started (in progress or done); counts and analyses use <see cref="DosingSessions"/>.</summary>
    public IReadOnlyList<Guid> StartedDosingSessionIds { get; init; } = [];

    public IReadOnlyList<Guid> IntentionIds { get; init; } = [];

    public IReadOnlyList<IntegrationSessionHeld> IntegrationSessions { get; init; } = [];

    public IReadOnlyList<OutcomeMeasured> Measurements { get; init; } = [];

    public IReadOnlyList<WorseningReviewFlagRaised> ReviewFlags { get; init; } = [];

    public IReadOnlyList<AdverseEventEntry> AdverseEvents { get; init; } = [];

    public IReadOnlyList<Guid> PregnancyReportIds { get; init; } = [];

    public IReadOnlyList<SafetyHold> Holds { get; init; } = [];

    public CourseEvaluation? Evaluation { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public bool IsCompleted => CompletedAt is not null;

    public SafetyHold? ActiveHold => Holds.FirstOrDefault(h => h.IsActive);

    public DateTimeOffset? FirstDosingAt =>
        DosingSessions.Count == 0 ? null : DosingSessions.Min(d => d.DoseStartedAt);

    /// <summary>A dosing session this course has heard of: started (possibly still in progress) or completed.</summary>
    public bool KnowsDosingSession(Guid sessionId) =>
        StartedDosingSessionIds.Contains(sessionId) || DosingSessions.Any(d => d.SessionId == sessionId);

    public BaselineScore? BaselineFor(InstrumentCode instrument) =>
        Baseline.Where(b => b.Instrument == instrument)
            .OrderByDescending(b => b.AdministeredAt)
            .FirstOrDefault();

    /// <summary>Folds one event into the state; unknown events leave it unchanged.</summary>
    /// <remarks>
    /// Internal on purpose: the JasperFx source generator treats any public <c>Evolve</c> on a type with an
    /// <c>Id</c> as Marten's self-aggregation convention and emits code that does not compile. The projection in this
    /// assembly calls it directly.
    /// </remarks>
    internal static CourseOutcome? Evolve(CourseOutcome? state, object @event) => (state, @event) switch {
        (null, CourseOutcomeOpened e) => new CourseOutcome(
            e.CourseId, e.PatientId, e.Indication, e.Route, e.ApprovedAt,
            e.ScreeningProtocolVersion, e.OutcomeProtocolVersion, e.BaselineScores),

        // Anything before the opening event cannot be placed; the deciders never produce it.
        (null, _) => null,

        (_, DosingSessionRecorded e) => state with {
            DosingSessions = [.. state.DosingSessions.Where(d => d.SessionId != e.SessionId), e],
        },
        (_, DosingSessionStarted e) => state with { StartedDosingSessionIds = [.. state.StartedDosingSessionIds, e.SessionId] },
        (_, IntentionsSet e) => state with { IntentionIds = [.. state.IntentionIds, e.IntentionsId] },
        (_, IntegrationSessionHeld e) => state with { IntegrationSessions = [.. state.IntegrationSessions, e] },
        (_, OutcomeMeasured e) => state with { Measurements = [.. state.Measurements, e] },
        (_, WorseningReviewFlagRaised e) => state with { ReviewFlags = [.. state.ReviewFlags, e] },
        (_, AdverseEventRecorded e) => state with {
            AdverseEvents =
            [
                .. state.AdverseEvents,
                new AdverseEventEntry(
                    e.AdverseEventId, e.Type, e.Severity, e.OccurredAt,
                    e.OnsetMinutesAfterDose, e.DosingSessionId, e.RecordedAt),
            ],
        },
        (_, AdverseEventGraded e) => state with {
            AdverseEvents = [.. state.AdverseEvents.Select(a =>
                a.AdverseEventId == e.AdverseEventId ? a with { Severity = e.Severity } : a)],
        },
        (_, PregnancyReported e) => state with { PregnancyReportIds = [.. state.PregnancyReportIds, e.ReportId] },
        (_, HoldPlaced e) => state with {
            Holds =
            [
                .. state.Holds,
                new SafetyHold(e.HoldId, e.Trigger, e.PlacedAt, [new HoldReason(e.Trigger, e.Reason, e.SourceId, e.PlacedAt)]),
            ],
        },
        (_, HoldTriggerAdded e) => state with {
            Holds = [.. state.Holds.Select(h => h.HoldId == e.HoldId
                ? h with { Reasons = [.. h.Reasons, new HoldReason(e.Trigger, e.Reason, e.SourceId, e.AddedAt)] }
                : h)],
        },
        (_, HoldReleased e) => state with {
            Holds = [.. state.Holds.Select(h => h.HoldId == e.HoldId
                ? h with { ReleasedAt = e.ReleasedAt, ReleasedBy = e.PrescriberId }
                : h)],
        },
        (_, CourseEvaluated e) => state with {
            Evaluation = new CourseEvaluation(e.Response, e.Recommendation, e.EvaluatedBy, e.EvaluatedAt),
        },
        (_, CourseOutcomeCompleted e) => state with { CompletedAt = e.CompletedAt },

        // Unknown or duplicate opening events leave the state alone so old streams keep loading.
        _ => state,
    };

    /// <summary>
    /// A clinic's courses in one round trip, from a session of no clinic (a projection's batch holds several). Not
    /// <c>ForTenant(clinic)</c>: with clinics over several databases (ClinicDatabases) Marten's static multi-database
    /// tenancy refuses it for every clinic ("not stored in the current database"; found by the chain year over two
    /// servers), while the tenant filter below runs on whichever database the session is on.
    /// </summary>
    public static async Task<IReadOnlyList<CourseOutcome>> LoadOfClinicAsync(
        IQuerySession session, string clinic, IReadOnlyCollection<Guid> ids, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(session);
        return await session.Query<CourseOutcome>().Where(c => c.TenantIsOneOf(clinic) && ids.Contains(c.Id)).ToListAsync(cancellation);
    }
}
