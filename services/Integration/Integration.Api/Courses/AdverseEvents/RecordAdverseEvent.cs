using System.ComponentModel.DataAnnotations;

namespace Integration.Api.Courses;

/// <summary>
/// An adverse event. Type and severity are required and must be names the service knows; onset is minutes after the
/// start of the dose it follows. Description, action taken and outcome are clinical free text (PHI).
/// </summary>
public sealed record RecordAdverseEventRequest(
    AdverseEventType? Type,
    AdverseEventSeverity? Severity,
    DateTimeOffset? OccurredAt,
    [property: MaxLength(TextLimits.MaxShortTextLength)] string? ActionTaken,
    [property: MaxLength(TextLimits.MaxShortTextLength)] string? Outcome,
    int? OnsetMinutesAfterDose = null,
    Guid? DosingSessionId = null,
    string? Description = null)
{
    public const int MinOnsetMinutes = -60;

    /// <summary>One week: cystitis and misuse surface days after a dose; later than that is not "onset after the dose".</summary>
    public const int MaxOnsetMinutes = 10_080;

    public FieldErrors Validate(DateTimeOffset now) =>
        new FieldErrors()
            .Require(Type is not null, "type", "is required")
            .Require(Type is not { } t || Enum.IsDefined(t), "type", "unknown adverse event type")
            .Require(Severity is not null, "severity", "is required")
            .Require(Severity is not { } s || Enum.IsDefined(s), "severity", "unknown severity")
            .Require(OccurredAt is not null, "occurredAt", "is required")
            .InRange(OnsetMinutesAfterDose, MinOnsetMinutes, MaxOnsetMinutes, "onsetMinutesAfterDose")
            .NotInFuture(OccurredAt, now, "occurredAt")
            .Require(!string.IsNullOrWhiteSpace(ActionTaken), "actionTaken", "must not be empty")
            .Require(TextLimits.Within(ActionTaken, TextLimits.MaxShortTextLength), "actionTaken", $"must be at most {TextLimits.MaxShortTextLength} characters")
            .Require(!string.IsNullOrWhiteSpace(Outcome), "outcome", "must not be empty")
            .Require(TextLimits.Within(Outcome, TextLimits.MaxShortTextLength), "outcome", $"must be at most {TextLimits.MaxShortTextLength} characters")
            .Require(TextLimits.Within(Description, TextLimits.MaxNotesLength), "description", $"must be at most {TextLimits.MaxNotesLength} characters");
}

public sealed record RecordAdverseEvent(
    Guid CourseId,
    Guid AdverseEventId,
    AdverseEventType Type,
    AdverseEventSeverity Severity,
    DateTimeOffset OccurredAt,
    int? OnsetMinutesAfterDose,
    Guid? DosingSessionId,
    string? Description,
    string ActionTaken,
    string Outcome,
    Guid RecordedBy)
{
    /// <summary>
    /// Open after completion too: an adverse event reported late must still be recorded and still hold the course
    /// (Screening uses the hold to flag the patient for re-screening). Severe or serious places a safety hold.
    /// </summary>
    public static Decision Decide(RecordAdverseEvent command, CourseOutcome? state, ClinicTime now, IntegrationProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!CourseRefusals.Exists(state, command.CourseId, out var refused))
        {
            return refused;
        }

        if (state.AdverseEvents.FirstOrDefault(a => a.AdverseEventId == command.AdverseEventId) is { } existing)
        {
            // A replay is harmless; the same id with another type or date would silently drop a report.
            return existing.Type == command.Type && existing.OccurredAt == command.OccurredAt
                ? Decision.Accept()
                : CourseRefusals.IdConflict("adverse event", command.AdverseEventId);
        }

        if (command.OccurredAt < state.ApprovedAt)
        {
            return CourseRefusals.BeforeCourse("adverse event", command.OccurredAt, state);
        }

        // Known from Scheduling's DosingStarted while the dose is in progress, or from its completion.
        if (command.DosingSessionId is { } dosingId && !state.KnowsDosingSession(dosingId))
        {
            return CourseRefusals.UnknownDosingSession(dosingId);
        }

        var recorded = new AdverseEventRecorded(
            command.CourseId, command.AdverseEventId, command.Type, command.Severity, command.OccurredAt,
            command.OnsetMinutesAfterDose, command.DosingSessionId, command.Description, command.ActionTaken,
            command.Outcome, command.RecordedBy, now.Utc);
        return command.Severity.PlacesHold()
            ? Decision.Accept(recorded, PlaceSafetyHold.PlaceOrAdd(
                state, SafetyHoldTrigger.AdverseEvent, PlaceSafetyHold.AdverseEventReason(command.Type, command.Severity), command.AdverseEventId, now.Utc))
            : Decision.Accept(recorded);
    }

    // Therapists may report: in ketamine-assisted psychotherapy they are often the ones in the room when it happens.
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/adverse-events", Handle)
            .AsCommand("Adverse events", "Record an adverse event; a severe or serious one places a safety hold", Roles.Medical, Roles.Prescriber, Roles.Therapist)
            .AcceptsIdempotencyKey()
            .WithRequestExample(new {
                type = "BloodPressureRise",
                severity = "Moderate",
                occurredAt = "2026-12-07T14:40:00Z",
                onsetMinutesAfterDose = 40,
                dosingSessionId = "0197a3c2-5b1e-7d4a-9f00-000000000003",
                description = "Systolic 182 at 40 minutes, asymptomatic",
                actionTaken = "Observed; labetalol 10 mg IV",
                outcome = "Resolved by discharge",
            });

    private static async Task<Results<Ok<RecordAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid courseId, RecordAdverseEventRequest body, IntegrationProtocol protocol, Clinician clinician,
        [AsParameters] CommandContext context)
    {
        var now = context.Now;
        var command = new RecordAdverseEvent(
            courseId, RecordIds.For(context.Http.Request, courseId, "adverse-event"),
            body.Type ?? default, body.Severity ?? default, body.OccurredAt ?? now.Utc, body.OnsetMinutesAfterDose,
            body.DosingSessionId, body.Description, body.ActionTaken ?? string.Empty, body.Outcome ?? string.Empty,
            clinician.Id);
        return await context.RecordOnCourseAsync(
            courseId,
            state => Decide(command, state, now, protocol),
            () => command.AdverseEventId,
            body.Validate(now.Utc));
    }
}
