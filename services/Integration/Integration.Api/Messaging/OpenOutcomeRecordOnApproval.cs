using Integration.Api.Domain;
using Marten;
using Platform.Contracts;
using Platform.ServiceDefaults.Marten;
using Platform.ServiceDefaults.Outbox;

namespace Integration.Api.Messaging;

/// <summary>Opens the course's outcome record with the baseline scores from screening.</summary>
public sealed class OpenOutcomeRecordOnApproval(ISessionFactory sessions, TimeProvider clock, OutcomeProtocol protocol)
    : IdempotentConsumer<PatientApprovedForTreatment>(sessions, clock)
{
    protected override Task HandleAsync(IDocumentSession session, PatientApprovedForTreatment message, CancellationToken cancellationToken) =>
        session.DecideAsync<CourseOutcome>(
            message.CourseId,
            null,
            state => CourseOutcomeDecider.Decide(OpenCourseOutcome.From(message), state, Clock.GetUtcNow(), protocol),
            cancellationToken);
}
