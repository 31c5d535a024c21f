using Microsoft.Extensions.Logging;
using Platform.Messaging;
using Platform.ServiceDefaults.Marten;

namespace Integration.Api.Courses;

/// <summary>
/// Opens the course's outcome record with the baseline scores from screening. Dosing sessions that arrived first were
/// kept (<see cref="EarlyDosingSession"/>): they are recorded in the same transaction.
/// </summary>
public sealed partial class OpenOutcomeRecordOnApproval(
    ISessionFactory sessions, ClinicClock clock, IntegrationProtocol protocol, ILogger<OpenOutcomeRecordOnApproval> logger)
    : IdempotentConsumer<PatientApprovedForTreatment>(sessions, clock)
{
    protected override async Task HandleAsync(IDocumentSession session, PatientApprovedForTreatment message, CancellationToken cancellationToken)
    {
        await LockStreamAsync(session, message.CourseId, cancellationToken);
        var kept = await session.Query<EarlyDosingSession>().Where(d => d.CourseId == message.CourseId).ToListAsync(cancellationToken);
        OccurredAt.Stamp(session, message.ApprovedAt);
        var now = Clock.Now();
        var refused = new List<(EarlyDosingSession Session, Rejection Rejection)>();
        var (decision, _) = await session.DecideAsync<CourseOutcome>(
            message.CourseId,
            null,
            state => EarlyDosingSession.OpenWith(
                OpenCourseOutcome.Decide(OpenCourseOutcome.From(message), state, now, protocol), kept, state, now, protocol, refused),
            cancellationToken);
        if (decision.IsRejected)
        {
            return;
        }

        foreach (var applied in kept.Except(refused.Select(r => r.Session)))
        {
            session.Delete(applied);
        }

        foreach (var (early, rejection) in refused)
        {
            LogKeptSessionRefused(logger, early.Id, message.CourseId, rejection.RuleId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Kept dosing session {SessionId} for course {CourseId} was refused when the record opened ({RuleId}); it stays kept for review")]
    private static partial void LogKeptSessionRefused(ILogger logger, Guid sessionId, Guid courseId, string ruleId);
}
