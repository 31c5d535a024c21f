using System.ComponentModel.DataAnnotations;

namespace Integration.Api.Courses;

/// <summary>A medical professional's or prescriber's grade; grading up to severe or serious places a hold.</summary>
public sealed record GradeAdverseEventRequest(AdverseEventSeverity? Severity, [property: MaxLength(TextLimits.MaxShortTextLength)] string? Reason)
{
    public FieldErrors Validate() =>
        new FieldErrors()
            .Require(Severity is not null, "severity", "is required")
            .Require(Severity is not { } s || Enum.IsDefined(s), "severity", "unknown severity")
            .Require(!string.IsNullOrWhiteSpace(Reason), "reason", "must not be empty")
            .Require(TextLimits.Within(Reason, TextLimits.MaxShortTextLength), "reason", $"must be at most {TextLimits.MaxShortTextLength} characters");
}

public sealed record GradeAdverseEvent(
    Guid CourseId,
    Guid AdverseEventId,
    AdverseEventSeverity Severity,
    string Reason,
    Guid GradedBy)
{
    /// <summary>Grading up to severe or serious holds the course; grading down never releases a hold (a prescriber does).</summary>
    public static Decision Decide(GradeAdverseEvent command, CourseOutcome? state, ClinicTime now, IntegrationProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!CourseRefusals.Exists(state, command.CourseId, out var refused))
        {
            return refused;
        }

        var existing = state.AdverseEvents.FirstOrDefault(a => a.AdverseEventId == command.AdverseEventId);
        if (existing is null)
        {
            return Decision.Reject(RuleIds.UnknownAdverseEvent, $"Adverse event {command.AdverseEventId} is not recorded for this course.");
        }

        if (existing.Severity == command.Severity)
        {
            return Decision.Accept();
        }

        var graded = new AdverseEventGraded(
            command.CourseId, command.AdverseEventId, existing.Severity, command.Severity, command.Reason, command.GradedBy, now.Utc);
        return command.Severity.PlacesHold() && !existing.Severity.PlacesHold()
            ? Decision.Accept(graded, PlaceSafetyHold.PlaceOrAdd(
                state, SafetyHoldTrigger.AdverseEvent, PlaceSafetyHold.AdverseEventReason(existing.Type, command.Severity), command.AdverseEventId, now.Utc))
            : Decision.Accept(graded);
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder group) =>
        group.MapPost("/adverse-events/{adverseEventId:guid}/grade", Handle)
            .AsCommand("Adverse events", "Grade (re-grade) an adverse event's severity; grading up to severe or serious places a safety hold", Roles.Medical, Roles.Prescriber);

    private static async Task<Results<Ok<RecordAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid courseId, Guid adverseEventId, GradeAdverseEventRequest body, IntegrationProtocol protocol, Clinician clinician,
        [AsParameters] CommandContext context)
    {
        var now = context.Now;
        var command = new GradeAdverseEvent(courseId, adverseEventId, body.Severity ?? default, body.Reason ?? string.Empty, clinician.Id);
        return await context.RecordOnCourseAsync(
            courseId,
            state => Decide(command, state, now, protocol),
            () => adverseEventId,
            body.Validate());
    }
}
