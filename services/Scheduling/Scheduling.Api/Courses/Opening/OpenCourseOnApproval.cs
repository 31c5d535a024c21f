using Platform.Messaging;

namespace Scheduling.Api.Courses;

/// <summary>
/// Opens Scheduling's slice of the course, under the course id Screening minted. Safety holds (and releases) that
/// arrived first were kept (<see cref="EarlyMessages"/>): the course opens on hold in the same transaction.
/// </summary>
public sealed class OpenCourseOnApproval(ISessionFactory sessions, ClinicClock clock, SchedulingProtocol protocol)
    : CourseConsumer<PatientApprovedForTreatment>(sessions, clock)
{
    private IReadOnlyList<EarlyMessage> kept = [];

    protected override async Task PrepareAsync(IDocumentSession session, PatientApprovedForTreatment message, CancellationToken cancellationToken)
    {
        // Back-entered facts on the course come after the approval, not after the message happened to arrive.
        OccurredAt.Stamp(session, message.ApprovedAt);
        kept = await EarlyMessages.ForAsync(session, message.CourseId, cancellationToken);
        // Applied by this opening or, when the course exists already, long since; either way committed with it or not at all.
        foreach (var early in kept)
        {
            session.Delete(early);
        }
    }

    protected override Guid CourseId(PatientApprovedForTreatment message) => message.CourseId;

    protected override Decision Decide(PatientApprovedForTreatment message, TreatmentCourse? state, ClinicTime now) =>
        EarlyCourseMessages.OpenOnHold(OpenCourse.Decide(new OpenCourse(message), state, now, protocol), state, kept, now, protocol);
}
