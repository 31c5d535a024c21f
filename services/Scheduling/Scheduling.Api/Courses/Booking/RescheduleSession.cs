
namespace Scheduling.Api.Courses;

/// <summary>Resources not sent stay as booked.</summary>
public sealed record RescheduleSessionRequest(
    DateTimeOffset Start,
    DateTimeOffset End,
    Guid? TherapistId = null,
    Guid? MedicalProfessionalId = null,
    Guid? RoomId = null)
{
    public FieldErrors Validate() => new FieldErrors().SessionBlock(Start, End);
}

public sealed record RescheduleSession(
    Guid SessionId,
    DateTimeOffset Start,
    DateTimeOffset End,
    Guid TherapistId,
    Guid? MedicalProfessionalId = null,
    Guid? RoomId = null)
{
    /// <summary>Moves a booked session; every booking rule is checked again as if it were new.</summary>
    public static Decision Decide(
        RescheduleSession command, TreatmentCourse? state, ClinicTime now, SchedulingProtocol protocol, BookingResources resources)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!CourseRefusals.TryFindSession(state, command.SessionId, dosingOnly: false, out var session, out var refused, openOnly: true))
        {
            return refused;
        }

        if (session.Status != SessionStatus.Booked)
        {
            return Decision.Reject(RuleIds.SessionState, $"Only a booked session can be moved; this one is {session.Status}.");
        }

        if (session.Sits(command.Start, command.End, command.TherapistId, command.MedicalProfessionalId, command.RoomId))
        {
            return Decision.Accept();
        }

        var without = state with { Sessions = state.Sessions.Remove(session) };
        refused = BookingRules.CheckBlock(
            without, session.Kind, command.Start, command.End, command.TherapistId, command.MedicalProfessionalId, command.RoomId,
            resources, now.Utc, protocol);
        if (refused is not null)
        {
            return refused;
        }

        var block = new UtcInterval(command.Start, command.End);

        return Decision.Accept(new SessionRescheduled(
            state.Id, session.SessionId, session.Kind, session.Start, block.Start, block.End, command.TherapistId,
            command.MedicalProfessionalId, command.RoomId, protocol.Version, now.Utc));
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder course) =>
        course.MapPut("/sessions/{sessionId:guid}", Handle)
            .AsCommand("Sessions", "Moves a booked session (all booking rules are checked again)", Roles.Scheduler, Roles.System);

    private static async Task<Results<Ok<CourseCommandAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid courseId, Guid sessionId, RescheduleSessionRequest body, SchedulingProtocol protocol, [AsParameters] CommandContext context)
    {
        if (body.Validate() is { Any: true } errors)
        {
            return Problems.Invalid(errors);
        }

        var course = await context.Session.LoadAsync<TreatmentCourse>(courseId, context.Cancellation);
        if (course?.FindSession(sessionId) is not { } existing)
        {
            return Problems.NotFound($"Session {sessionId} of course {courseId}");
        }

        var therapistId = body.TherapistId ?? existing.TherapistId;
        var medicalId = body.MedicalProfessionalId ?? existing.MedicalProfessionalId;
        var roomId = body.RoomId ?? existing.RoomId;
        var (resources, resourceErrors) = await ResourceFacts.LoadAsync(
            context.Session, therapistId, medicalId, roomId, new UtcInterval(body.Start, body.End), protocol, context.Cancellation);
        if (resources is null)
        {
            return Problems.Invalid(resourceErrors);
        }

        // The ledger deletes this session's rows before inserting the new block in the same transaction, so a
        // move that overlaps its own old slot does not collide with itself.
        var move = new RescheduleSession(sessionId, body.Start, body.End, therapistId, medicalId, roomId);
        return await context.RunOnCourseAsync(courseId, (s, now) => Decide(move, s, now, protocol, resources), sessionId);
    }
}
