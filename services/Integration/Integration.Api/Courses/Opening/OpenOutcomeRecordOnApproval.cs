using Platform.ServiceDefaults.Marten;
using Platform.ServiceDefaults.Outbox;

namespace Integration.Api.Courses;

/// <summary>Opens the course's outcome record with the baseline scores from screening.</summary>
public sealed class OpenOutcomeRecordOnApproval(ISessionFactory sessions, ClinicClock clock, IntegrationProtocol protocol, ClinicalProtocol clinic)
    : IdempotentConsumer<PatientApprovedForTreatment>(sessions, clock)
{
    protected override Task HandleAsync(IDocumentSession session, PatientApprovedForTreatment message, CancellationToken cancellationToken) =>
        session.DecideAsync<CourseOutcome>(
            message.CourseId,
            null,
            state => OpenCourseOutcome.Decide(OpenCourseOutcome.From(message), state, Clock.Now(), protocol, clinic),
            cancellationToken);
}
