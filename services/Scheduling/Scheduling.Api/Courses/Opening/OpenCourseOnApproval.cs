using MassTransit;
using Platform.Messaging;

namespace Scheduling.Api.Courses;

/// <summary>
/// Opens Scheduling's slice of the course, under the course id Screening minted. Safety holds (and releases) that
/// arrived first were kept (<see cref="EarlyMessages"/>): the course opens on hold in the same transaction. Takes the
/// approval's v2 and its v1 (upcast), one handling path for both.
/// </summary>
public sealed class OpenCourseOnApproval(ISessionFactory sessions, ClinicClock clock, SchedulingProtocol protocol, PatientKeys keys)
    : CourseConsumer<PatientApprovedForTreatmentV2>(sessions, clock), IConsumer<PatientApprovedForTreatment>
{
    private IReadOnlyList<EarlyMessage> kept = [];

    /// <summary>v1, from a Screening that still publishes it: upcast at the boundary, deduplicated with its v2 copy.</summary>
    public Task Consume(ConsumeContext<PatientApprovedForTreatment> context) =>
        ConsumeAsync(context, PatientApprovedForTreatmentV2.From(context.Message));

    protected override async Task PrepareAsync(IDocumentSession session, PatientApprovedForTreatmentV2 message, CancellationToken cancellationToken)
    {
        // The course's PHI (cancellation and hold reasons) is sealed with its own key from the first event on.
        await keys.EnsureAsync(message.CourseId, message.PatientId, ClinicScope.Current, cancellationToken);
        // Back-entered facts on the course come after the approval, not after the message happened to arrive.
        OccurredAt.Stamp(session, message.ApprovedAt);
        kept = await EarlyMessages.ForAsync(session, message.CourseId, cancellationToken);
        // Applied by this opening or, when the course exists already, long since; either way committed with it or not at all.
        foreach (var early in kept)
        {
            session.Delete(early);
        }
    }

    protected override Guid CourseId(PatientApprovedForTreatmentV2 message) => message.CourseId;

    protected override Decision Decide(PatientApprovedForTreatmentV2 message, TreatmentCourse? state, ClinicTime now) =>
        EarlyCourseMessages.OpenOnHold(OpenCourse.Decide(new OpenCourse(message), state, now, protocol), state, kept, now, protocol);
}
