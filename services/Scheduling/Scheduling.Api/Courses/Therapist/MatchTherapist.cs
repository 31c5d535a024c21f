namespace Scheduling.Api.Courses;

public sealed record MatchTherapistRequest(Guid TherapistId);

/// <summary>The therapist who prepares the patient and sits the dosing sessions.</summary>
public sealed record MatchTherapist(Guid TherapistId)
{
    public static Decision Decide(
        MatchTherapist command, TreatmentCourse? state, ClinicTime now, SchedulingProtocol protocol, StaffMember therapist)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(therapist);
        if (!CourseRefusals.IsOpen(state, out var refused))
        {
            return refused;
        }

        if (therapist.Id != command.TherapistId)
        {
            throw new ArgumentException("The staff facts do not belong to the therapist in the command.", nameof(therapist));
        }

        if (state.TherapistId == command.TherapistId)
        {
            return Decision.Accept();
        }

        if (!therapist.CanSitAsTherapist)
        {
            return Decision.Reject(RuleIds.WrongRole, $"Staff member {therapist.Id} is a {therapist.Role}, not a therapist.");
        }

        if (!therapist.Active)
        {
            return Decision.Reject(RuleIds.ResourceInactive, $"Therapist {therapist.Id} is inactive.");
        }

        var today = now.Today;
        refused = BookingRules.CredentialProblem(therapist, CredentialKind.License, today);
        if (refused is not null)
        {
            return refused;
        }

        // Patients prepare with the therapist who sits their dosing; silently swapping would break that promise.
        var futureWithPrevious = state.Sessions.Any(s =>
            s.Status == SessionStatus.Booked && s.Kind != SessionKind.Integration && s.TherapistId == state.TherapistId && s.Start > now.Utc);
        if (state.TherapistId is not null && futureWithPrevious)
        {
            return Decision.Reject(
                RuleIds.RematchWithBookings,
                "Cancel or reschedule the preparation and dosing sessions booked with the current therapist first.");
        }

        return Decision.Accept(new TherapistMatched(state.Id, command.TherapistId, state.TherapistId, now.Utc));
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder course) =>
        course.MapPut("/therapist", Handle)
            .AsCommand("Courses", "Matches the therapist who will prepare the patient and sit the dosing sessions", Roles.Scheduler, Roles.System);

    private static async Task<Results<Ok<CourseCommandAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid courseId, MatchTherapistRequest body, SchedulingProtocol protocol, [AsParameters] CommandContext context)
    {
        var therapist = await context.Session.LoadAsync<StaffMember>(body.TherapistId, context.Cancellation);
        if (therapist is null)
        {
            return Problems.Invalid("therapistId", "is not a known staff member");
        }

        return await context.RunOnCourseAsync(courseId, (s, now) => Decide(new MatchTherapist(body.TherapistId), s, now, protocol, therapist));
    }
}
