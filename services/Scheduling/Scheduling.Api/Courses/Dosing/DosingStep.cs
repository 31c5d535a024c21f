namespace Scheduling.Api.Courses;

/// <summary>
/// The body of a step a medical professional records during a dosing session (check-in, monitoring vitals, CADSS,
/// discharge): checked against the clinic's now, then made into the step's command with the caller as the recorder.
/// </summary>
public interface IDosingStepRequest<out TCommand>
{
    FieldErrors Validate(DateTimeOffset now);

    TCommand ToCommand(Guid sessionId, Guid recordedBy);
}

public static class DosingStep
{
    /// <summary>
    /// Maps <c>POST /sessions/{sessionId}/<paramref name="step"/></c> for a medical professional: the steps share this
    /// endpoint and each slice keeps its request, command and <c>Decide</c>. The constraints make the body non-nullable,
    /// which is what tells ASP.NET it is required, so a missing body stays a 400 (a test per step checks it).
    /// </summary>
    public static RouteHandlerBuilder MapDosingStep<TBody, TCommand>(
        this IEndpointRouteBuilder course, string step, string summary, Func<TCommand, TreatmentCourse?, ClinicTime, SchedulingProtocol, Decision> decide)
        where TBody : class, IDosingStepRequest<TCommand> =>
        course.MapPost(
                $"/sessions/{{sessionId:guid}}/{step}",
                (Guid courseId, Guid sessionId, TBody body, Clinician clinician, SchedulingProtocol protocol, [AsParameters] CommandContext context) =>
                    context.RunOnCourseAsync(
                        courseId, (s, now) => decide(body.ToCommand(sessionId, clinician.Id), s, now, protocol), sessionId, body.Validate(context.Now.Utc)))
            .AsCommand("Dosing", summary, Roles.Medical);
}
