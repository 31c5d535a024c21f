namespace Integration.Api.Courses;

/// <summary>
/// An instrument answered item by item, in questionnaire order, named by its code ("PHQ-9", "C-SSRS"...). The service
/// computes the total, band and C-SSRS risk; a client-computed total is never accepted.
/// <paramref name="BehaviourWithinPastThreeMonths"/> is the C-SSRS follow-up to question 6. <paramref name="MeasuredAt"/>
/// defaults to now.
/// </summary>
public sealed record RecordOutcomeRequest(
    InstrumentCode? Instrument,
    IReadOnlyList<int>? Items,
    bool? BehaviourWithinPastThreeMonths = null,
    DateTimeOffset? MeasuredAt = null)
{
    /// <summary>Scores the answers (unknown instrument, bad item answers are field errors) and checks the date.</summary>
    public (ScoredInstrument? Scored, FieldErrors Errors) Validate(DateTimeOffset now)
    {
        var (scored, errors) = InstrumentScoring.Score(Instrument, Items, BehaviourWithinPastThreeMonths);
        return (scored, errors.NotInFuture(MeasuredAt, now, "measuredAt"));
    }
}

public sealed record RecordOutcome(
    Guid CourseId,
    Guid MeasurementId,
    ScoredInstrument Scored,
    DateTimeOffset MeasuredAt,
    Guid RecordedBy)
{
    /// <summary>
    /// Accepted on a completed course too: a follow-up C-SSRS must still be able to place a hold. A high C-SSRS risk
    /// places a hold whenever no hold is active (after a release, a still-high result holds again); a PHQ-9 that
    /// newly crosses the worsening threshold raises one review flag, not one per measurement.
    /// </summary>
    public static Decision Decide(RecordOutcome command, CourseOutcome? state, ClinicTime now, IntegrationProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(protocol);
        if (!CourseRefusals.Exists(state, command.CourseId, out var refused))
        {
            return refused;
        }

        var scored = command.Scored;
        if (state.Measurements.FirstOrDefault(m => m.MeasurementId == command.MeasurementId) is { } existing)
        {
            return existing.Total == scored.Total && existing.Instrument == scored.Instrument
                ? Decision.Accept()
                : CourseRefusals.IdConflict("measurement", command.MeasurementId);
        }

        if (command.MeasuredAt < state.ApprovedAt)
        {
            return CourseRefusals.BeforeCourse("measurement", command.MeasuredAt, state);
        }

        var events = new List<object>
        {
            new OutcomeMeasured(
                command.CourseId, command.MeasurementId, scored.Instrument, scored.Items, scored.Total, scored.Band,
                scored.RiskLevel, command.MeasuredAt, command.RecordedBy),
        };

        if (scored.IsHighSuicideRisk)
        {
            events.Add(PlaceSafetyHold.PlaceOrAdd(state, SafetyHoldTrigger.HighSuicideRisk, PlaceSafetyHold.HighSuicideRiskReason, command.MeasurementId, now.Utc));
        }

        if (NewlyWorsening(state, command, protocol) is { } baseline)
        {
            events.Add(new WorseningReviewFlagRaised(
                command.CourseId, command.MeasurementId, scored.Instrument, baseline, scored.Total, now.Utc));
        }

        return Decision.Accept(events);
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/outcomes", Handle)
            .AsCommand("Outcomes", "Record PHQ-9, GAD-7, PCL-5, C-SSRS, MADRS, QIDS-SR16 or CADSS-6 item by item; scored by the service", Roles.Therapist, Roles.Medical, Roles.Prescriber)
            .WithDescription("A high C-SSRS risk places a safety hold; a PHQ-9 5 or more points above baseline raises a review flag.")
            .AcceptsIdempotencyKey()
            .WithRequestExample(new {
                instrument = "PHQ-9",
                items = new[] { 1, 1, 1, 1, 0, 1, 0, 1, 0 },
                measuredAt = "2026-12-21T10:00:00Z",
                behaviourWithinPastThreeMonths = (bool?)null, // C-SSRS only
            });

    private static async Task<Results<Ok<RecordAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid courseId, RecordOutcomeRequest body, IntegrationProtocol protocol, Clinician clinician,
        [AsParameters] CommandContext context)
    {
        var now = context.Now;
        var (scored, errors) = body.Validate(now.Utc);
        if (scored is null)
        {
            return Problems.Invalid(errors);
        }

        var command = new RecordOutcome(
            courseId, RecordIds.For(context.Http.Request, courseId, "measurement"), scored, body.MeasuredAt ?? now.Utc, clinician.Id);
        return await context.RecordOnCourseAsync(
            courseId,
            state => Decide(command, state, now, protocol),
            () => command.MeasurementId,
            errors);
    }

    private static int? NewlyWorsening(CourseOutcome state, RecordOutcome command, IntegrationProtocol protocol)
    {
        if (command.Scored.Instrument != InstrumentCode.Phq9
            || state.BaselineFor(InstrumentCode.Phq9) is not { } baseline
            || !OutcomeAnalysis.IsWorsening(baseline.Total, command.Scored.Total, protocol))
        {
            return null;
        }

        var previous = state.Measurements
            .Where(m => m.Instrument == InstrumentCode.Phq9 && m.MeasuredAt <= command.MeasuredAt)
            .MaxBy(m => m.MeasuredAt);
        var alreadyFlagged = previous is not null && OutcomeAnalysis.IsWorsening(baseline.Total, previous.Total, protocol);
        return alreadyFlagged ? null : baseline.Total;
    }
}
