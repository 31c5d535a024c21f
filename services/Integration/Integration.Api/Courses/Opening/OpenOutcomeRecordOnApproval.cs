using MassTransit;
using Microsoft.Extensions.Logging;
using Platform.Messaging;
using Platform.ServiceDefaults.Marten;

namespace Integration.Api.Courses;

/// <summary>
/// Opens the course's outcome record with the baseline scores from screening. Dosing sessions that arrived first were
/// kept (<see cref="EarlyMessages"/>): they are recorded in the same transaction, in dosing order. A kept session the
/// record refuses (dosed before the approval) is left out, logged, and stays kept for review. Takes the approval's v2
/// and its v1 (upcast), one handling path for both.
/// </summary>
public sealed partial class OpenOutcomeRecordOnApproval(
    ISessionFactory sessions, ClinicClock clock, IntegrationProtocol protocol, PatientKeys keys, ILogger<OpenOutcomeRecordOnApproval> logger)
    : IdempotentConsumer<PatientApprovedForTreatmentV2>(sessions, clock), IConsumer<PatientApprovedForTreatment>
{
    /// <summary>v1, from a Screening that still publishes it: upcast at the boundary, deduplicated with its v2 copy.</summary>
    public Task Consume(ConsumeContext<PatientApprovedForTreatment> context) =>
        ConsumeAsync(context, PatientApprovedForTreatmentV2.From(context.Message));

    protected override async Task HandleAsync(IDocumentSession session, PatientApprovedForTreatmentV2 message, CancellationToken cancellationToken)
    {
        // The course's PHI (notes, adverse events, hold reasons) is sealed with its own key from the first event on.
        await keys.EnsureAsync(message.CourseId, message.PatientId, ClinicScope.Current, cancellationToken);
        await LockStreamAsync(session, message.CourseId, cancellationToken);
        var kept = await EarlyMessages.ForAsync(session, message.CourseId, cancellationToken);
        OccurredAt.Stamp(session, message.ApprovedAt);
        var now = Clock.Now();
        EarlyOutcome? outcome = null;
        var (decision, _) = await session.DecideAsync<CourseOutcome>(
            message.CourseId,
            null,
            state =>
            {
                var opened = OpenCourseOutcome.Decide(OpenCourseOutcome.From(message), state, now, protocol);
                // A record open already (no events) applies nothing: its kept sessions were applied or refused then.
                if (opened.IsRejected || opened.Events.Count == 0)
                {
                    return opened;
                }

                outcome = EarlyMessages.Apply(opened, state, kept, CourseOutcome.Evolve, (early, state) => EarlyOutcomeMessages.Apply(early, state, now, protocol));
                return outcome.Decision;
            },
            cancellationToken);
        if (decision.IsRejected)
        {
            return;
        }

        // As before: every kept session goes, except those the record refused, which stay kept for review.
        var refused = outcome?.Refused ?? [];
        foreach (var applied in kept.Except(refused.Select(r => r.Message)))
        {
            session.Delete(applied);
        }

        foreach (var (early, rejection) in refused)
        {
            LogKeptSessionRefused(logger, ((DosingSessionCompleted)early.Read()).SessionId, message.CourseId, rejection.RuleId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Kept dosing session {SessionId} for course {CourseId} was refused when the record opened ({RuleId}); it stays kept for review")]
    private static partial void LogKeptSessionRefused(ILogger logger, Guid sessionId, Guid courseId, string ruleId);
}
