using Marten;
using Platform.Contracts;
using Platform.ServiceDefaults.Marten;
using Platform.ServiceDefaults.Outbox;
using Platform.ServiceDefaults.Time;
using Scheduling.Api.Domain;

namespace Scheduling.Api.Messaging;

/// <summary>Opens Scheduling's slice of the course, under the course id Screening minted.</summary>
public sealed class OpenCourseOnApproval(ISessionFactory sessions, ClinicClock clock, SchedulingProtocol protocol)
    : IdempotentConsumer<PatientApprovedForTreatment>(sessions, clock)
{
    protected override async Task HandleAsync(IDocumentSession session, PatientApprovedForTreatment message, CancellationToken cancellationToken)
    {
        var now = Clock.Now().Utc;
        await session.DecideAsync<TreatmentCourse>(
            message.CourseId,
            null,
            state => CourseDecider.Decide(new OpenCourse(message), state, now, protocol),
            cancellationToken);
    }
}
