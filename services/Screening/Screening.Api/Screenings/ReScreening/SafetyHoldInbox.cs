using Platform.Contracts;
using Platform.Messaging;
using Platform.ServiceDefaults.Marten;

namespace Screening.Api.Screenings;

/// <summary>What Screening has heard about one safety hold, in whichever order the hold, its release and the approval came.</summary>
public sealed record HoldNotice(
    Guid HoldId,
    SafetyHoldTrigger? Trigger = null,
    DateTimeOffset? PlacedAt = null,
    DateTimeOffset? ReleasedAt = null,
    bool ReScreeningNotNeeded = false,
    string? WaiverReason = null,
    Guid? ReleasedBy = null);

/// <summary>
/// The safety holds of one course (id = the course id), kept durably until the approval that names the course is
/// committed here: a hold can overtake the approval (the broker does not order messages across exchanges), and a
/// release can overtake its hold. Applied to the screening by <see cref="Decide"/> whenever any of them arrives.
/// </summary>
public sealed record SafetyHoldInbox(Guid Id, IReadOnlyList<HoldNotice> Holds)
{
    public SafetyHoldInbox Note(Guid holdId, Func<HoldNotice, HoldNotice> update) =>
        this with { Holds = [.. Holds.Where(h => h.HoldId != holdId), update(Holds.FirstOrDefault(h => h.HoldId == holdId) ?? new HoldNotice(holdId))] };

    /// <summary>
    /// Every placed hold requires re-screening; a release with the prescriber's waiver then waives it. A release whose
    /// hold has not arrived waits for it. Idempotent: holds the case already knows change nothing.
    /// </summary>
    public static Decision Decide(ScreeningCase? state, SafetyHoldInbox inbox, ClinicTime now, ScreeningProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(inbox);
        var events = new List<object>();
        foreach (var hold in inbox.Holds.Where(h => h.PlacedAt is not null).OrderBy(h => h.PlacedAt))
        {
            var required = RequireReScreening.Decide(
                new RequireReScreening($"Safety hold placed ({hold.Trigger}).", hold.HoldId), state, now, protocol);
            if (required.IsRejected)
            {
                return required;
            }

            events.AddRange(required.Events);
            state = required.Events.Aggregate(state, ScreeningCase.Evolve);
            if (hold.ReScreeningNotNeeded)
            {
                var waived = WaiveReScreening.Decide(
                    new WaiveReScreening(hold.HoldId, hold.WaiverReason ?? "Not given.", hold.ReleasedBy), state, now, protocol);
                events.AddRange(waived.Events);
                state = waived.Events.Aggregate(state, ScreeningCase.Evolve);
            }
        }

        return Decision.Accept(events);
    }
}

/// <summary>
/// Notes a message in the course's <see cref="SafetyHoldInbox"/> and applies the inbox to the approved screening if
/// it is committed; otherwise the notice waits, durably, for the approval (<see cref="ApplySafetyHoldsOnApproval"/>).
/// Never dead-letters for ordering. The inbox is written on every delivery, so two consumers racing on one course
/// conflict on it (optimistic concurrency) and one retries, seeing the other's commit.
/// </summary>
public abstract class SafetyHoldInboxConsumer<TMessage>(ISessionFactory sessions, ClinicClock clock, ScreeningProtocol protocol)
    : IdempotentConsumer<TMessage>(sessions, clock)
    where TMessage : class
{
    protected abstract Guid CourseId(TMessage message);

    protected virtual SafetyHoldInbox Note(SafetyHoldInbox inbox, TMessage message) => inbox;

    protected override async Task HandleAsync(IDocumentSession session, TMessage message, CancellationToken cancellationToken)
    {
        var courseId = CourseId(message);
        var stored = await session.LoadAsync<SafetyHoldInbox>(courseId, cancellationToken);
        var inbox = Note(stored ?? new SafetyHoldInbox(courseId, []), message);
        if (stored is null)
        {
            session.Insert(inbox);
        }
        else
        {
            session.Update(inbox);
        }

        // The course id is minted at approval, so the approved screening is the one whose approval names it.
        var screeningId = await session.Query<ScreeningCase>()
            .Where(s => s.Approval != null && s.Approval.CourseId == courseId)
            .Select(s => s.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (screeningId == Guid.Empty)
        {
            return;
        }

        var (decision, _) = await session.DecideAsync<ScreeningCase>(
            screeningId, null, state => SafetyHoldInbox.Decide(state, inbox, Clock.Now(), protocol), cancellationToken);
        if (decision.Rejection is { } rejection)
        {
            throw new InvalidOperationException($"Screening {screeningId} refused the safety holds of course {courseId}: {rejection.RuleId}");
        }
    }
}
