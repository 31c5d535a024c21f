
namespace Scheduling.Api.Courses;

/// <summary>
/// The therapist defaults to the course's matched therapist. Send <c>sessionId</c> (or an Idempotency-Key
/// header) to make a retried request safe.
/// </summary>
public sealed record BookSessionRequest(
    SessionKind Kind,
    DateTimeOffset Start,
    DateTimeOffset End,
    Guid? TherapistId = null,
    Guid? MedicalProfessionalId = null,
    Guid? RoomId = null,
    Guid? SessionId = null)
{
    public FieldErrors Validate() =>
        new FieldErrors().SessionBlock(Start, End).Require(SessionId != Guid.Empty, "sessionId", "must not be the empty id (leave it out to have one made)");
}

public sealed record BookSession(
    Guid SessionId,
    SessionKind Kind,
    DateTimeOffset Start,
    DateTimeOffset End,
    Guid TherapistId,
    Guid? MedicalProfessionalId = null,
    Guid? RoomId = null)
{
    /// <summary>
    /// Books a preparation, dosing or integration session. Resource facts (role, credentials, availability in
    /// UTC) are looked up by the caller; double-booking across courses is left to the database constraint.
    /// Repeating the same command with the same session id is a no-op.
    /// </summary>
    public static Decision Decide(
        BookSession command, TreatmentCourse? state, ClinicTime now, SchedulingProtocol protocol, BookingResources resources)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!CourseRefusals.IsOpen(state, out var refused))
        {
            return refused;
        }

        if (state.FindSession(command.SessionId) is { } existing)
        {
            var same = existing.Kind == command.Kind
                && existing.Sits(command.Start, command.End, command.TherapistId, command.MedicalProfessionalId, command.RoomId);
            return same
                ? Decision.Accept()
                : Decision.Reject(RuleIds.SessionExists, $"Session {command.SessionId} already exists with different details.");
        }

        refused = BookingRules.CheckBlock(
            state, command.Kind, command.Start, command.End, command.TherapistId, command.MedicalProfessionalId, command.RoomId,
            resources, now.Utc, protocol);
        if (refused is not null)
        {
            return refused;
        }

        var block = new UtcInterval(command.Start, command.End);

        int? dosingNumber = command.Kind == SessionKind.Dosing
            ? BookingRules.ActiveDosingStarts(state).Count(s => s < block.Start) + 1
            : null;
        return Decision.Accept(new SessionBooked(
            state.Id, command.SessionId, command.Kind, block.Start, block.End, command.TherapistId, command.MedicalProfessionalId,
            command.RoomId, dosingNumber, protocol.Version, now.Utc));
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder course) =>
        course.MapPost("/sessions", Handle)
            .AsCommand("Sessions", "Books a preparation, dosing or integration session; every resource is held for the whole block", Roles.Scheduler, Roles.System)
            .AcceptsIdempotencyKey()
            .WithRequestExample(new {
                kind = "Preparation",
                start = "2026-12-07T09:00:00-05:00",
                end = "2026-12-07T10:00:00-05:00",
                therapistId = "0197a3c2-5b1e-7d4a-9f00-000000000001",
                roomId = "0197a3c2-5b1e-7d4a-9f00-000000000002",
            });

    private static async Task<Results<Ok<CourseCommandAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid courseId, BookSessionRequest body, SchedulingProtocol protocol, [AsParameters] CommandContext context)
    {
        if (body.Validate() is { Any: true } errors)
        {
            return Problems.Invalid(errors);
        }

        var course = await context.Session.LoadAsync<TreatmentCourse>(courseId, context.Cancellation);
        if (course is null)
        {
            return Problems.NotFound($"Course {courseId}");
        }

        if ((body.TherapistId ?? course.TherapistId) is not { } therapistId)
        {
            return Problems.RuleViolated(new Rejection(
                RuleIds.TherapistNotMatched, "Match a therapist to the course (or name one) before booking."));
        }

        var (resources, resourceErrors) = await ResourceFacts.LoadAsync(
            context.Session, therapistId, body.MedicalProfessionalId, body.RoomId, new UtcInterval(body.Start, body.End), protocol, context.Cancellation);
        if (resources is null)
        {
            return Problems.Invalid(resourceErrors);
        }

        var key = IdempotencyKey.Read(context.Http.Request);
        var sessionId = body.SessionId ?? (key is null ? Guid.NewGuid() : IdempotencyKey.ToStreamId($"session:{courseId}", key));
        var booking = new BookSession(sessionId, body.Kind, body.Start, body.End, therapistId, body.MedicalProfessionalId, body.RoomId);
        return await context.RunOnCourseAsync(courseId, (s, now) => Decide(booking, s, now, protocol, resources), sessionId);
    }
}
