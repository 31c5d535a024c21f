using Marten;
using Platform.Contracts;
using Platform.ServiceDefaults.Marten;
using Platform.ServiceDefaults.Outbox;
using Platform.ServiceDefaults.Time;

namespace Screening.Api.Screenings;

/// <summary>
/// A safety hold on a course closes the approval it was based on: the patient must be screened again before
/// any further dosing is approved.
/// </summary>
public sealed class RequireReScreeningOnSafetyHold(ISessionFactory sessions, ClinicClock clock, ScreeningProtocol protocol)
    : IdempotentConsumer<SafetyHoldPlaced>(sessions, clock)
{
    protected override async Task HandleAsync(IDocumentSession session, SafetyHoldPlaced message, CancellationToken cancellationToken)
    {
        // The course id is minted at approval, so the approved screening is the one whose approval names it.
        var screeningId = await session.Query<ScreeningCase>()
            .Where(s => s.Approval != null && s.Approval.CourseId == message.CourseId)
            .Select(s => s.Id)
            .FirstOrDefaultAsync(cancellationToken);

        // Unknown course: the approval may not be committed yet (or this is not our course); retry, then _error.
        if (screeningId == Guid.Empty)
        {
            throw new InvalidOperationException($"No approved screening for course {message.CourseId}.");
        }

        var command = new RequireReScreening($"Safety hold placed ({message.Trigger}).", message.HoldId);

        // A message is this consumer's request: validated once here, like a body at an endpoint.
        if (command.Validate() is { Any: true } errors)
        {
            throw new InvalidOperationException($"Safety hold {message.HoldId} cannot be recorded: {string.Join(", ", errors.ToDictionary().Keys)}");
        }

        var (decision, _) = await session.DecideAsync<ScreeningCase>(
            screeningId,
            null,
            state => RequireReScreening.Decide(command, state, Clock.Now(), protocol),
            cancellationToken);

        if (decision.Rejection is { } rejection)
        {
            throw new InvalidOperationException($"Screening {screeningId} not flagged for re-screening: {rejection.RuleId}");
        }
    }
}
