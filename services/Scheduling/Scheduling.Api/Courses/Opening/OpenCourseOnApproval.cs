namespace Scheduling.Api.Courses;

/// <summary>
/// Opens Scheduling's slice of the course, under the course id Screening minted. Safety holds that arrived first were
/// parked (<see cref="EarlySafetyHold"/>): the course opens on hold in the same transaction.
/// </summary>
public sealed class OpenCourseOnApproval(ISessionFactory sessions, ClinicClock clock, SchedulingProtocol protocol)
    : CourseConsumer<PatientApprovedForTreatment>(sessions, clock)
{
    private IReadOnlyList<EarlySafetyHold> parked = [];

    protected override async Task PrepareAsync(IDocumentSession session, PatientApprovedForTreatment message, CancellationToken cancellationToken)
    {
        // Back-entered facts on the course come after the approval, not after the message happened to arrive.
        OccurredAt.Stamp(session, message.ApprovedAt);
        parked = await session.Query<EarlySafetyHold>().Where(h => h.CourseId == message.CourseId).ToListAsync(cancellationToken);
        // Applied by this opening or, when the course exists already, long since; either way committed with it or not at all.
        foreach (var hold in parked)
        {
            session.Delete(hold);
        }
    }

    protected override Guid CourseId(PatientApprovedForTreatment message) => message.CourseId;

    protected override Decision Decide(PatientApprovedForTreatment message, TreatmentCourse? state, ClinicTime now) =>
        EarlySafetyHold.OpenOnHold(OpenCourse.Decide(new OpenCourse(message), state, now, protocol), parked, state, now, protocol);
}
