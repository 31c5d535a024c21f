using System.Text.Json;
using Platform.Contracts;
using Platform.Messaging;
using Platform.ServiceDefaults.Marten;

namespace Screening.Api.Screenings;

/// <summary>
/// Keeps a safety hold or its release for the course (<see cref="EarlyMessages"/>) and applies every message kept
/// for the course to the approved screening if it is committed; otherwise they wait, durably, for the approval
/// (<see cref="ApplySafetyHoldsOnApproval"/>). A hold can overtake the approval (the broker does not order messages
/// across exchanges), and a release can overtake its hold. Never dead-letters for ordering.
/// </summary>
/// <remarks>
/// Every consumer of one course's holds (and the approval's) runs under the course's lock, so one that keeps a
/// message and one that applies the kept ones never miss each other.
/// </remarks>
public abstract class SafetyHoldConsumer<TMessage>(ISessionFactory sessions, ClinicClock clock, ScreeningProtocol protocol)
    : IdempotentConsumer<TMessage>(sessions, clock)
    where TMessage : class
{
    protected abstract Guid CourseId(TMessage message);

    /// <summary>The message as kept for the course; null for the approval, which keeps nothing.</summary>
    protected virtual EarlyMessage? Early(TMessage message, DateTimeOffset now) => null;

    protected override async Task HandleAsync(IDocumentSession session, TMessage message, CancellationToken cancellationToken)
    {
        var courseId = CourseId(message);
        await LockStreamAsync(session, courseId, cancellationToken);
        var now = Clock.Now();
        var incoming = Early(message, now.Utc);

        // The course id is minted at approval, so the approved screening is the one whose approval names it.
        var screeningId = await session.Query<ScreeningCase>()
            .Where(s => s.Approval != null && s.Approval.CourseId == courseId)
            .Select(s => s.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (screeningId == Guid.Empty)
        {
            Keep(session, incoming);
            return;
        }

        // The incoming message joins those kept before (a redelivery replaces its own row).
        var kept = (await EarlyMessages.ForAsync(session, courseId, cancellationToken))
            .Where(k => k.Id != incoming?.Id)
            .Concat(incoming is null ? [] : [incoming])
            .ToList();
        EarlyOutcome? outcome = null;
        var (decision, _) = await session.DecideAsync<ScreeningCase>(
            screeningId,
            null,
            state =>
            {
                outcome = EarlyMessages.Apply(
                    Decision.Accept(), state, kept, ScreeningCase.Evolve, (early, state) => ReScreeningMessages.Apply(early, state, now, protocol));
                return outcome.Refused is [var (_, refused), ..] ? Decision.Reject(refused.RuleId, refused.Detail) : outcome.Decision;
            },
            cancellationToken);
        if (decision.Rejection is { } rejection)
        {
            throw new InvalidOperationException($"Screening {screeningId} refused the safety holds of course {courseId}: {rejection.RuleId}");
        }

        // Applied ones go with the events that record them; one still waiting (a release before its hold) stays kept.
        var applied = outcome?.Applied ?? [];
        foreach (var early in applied)
        {
            session.Delete<EarlyMessage>(early.Id);
        }

        if (incoming is not null && !applied.Contains(incoming))
        {
            Keep(session, incoming);
        }
    }

    private static void Keep(IDocumentSession session, EarlyMessage? incoming)
    {
        if (incoming is not null)
        {
            session.Store(incoming);
        }
    }
}

/// <summary>What a kept safety hold or release does to the approved screening of its course.</summary>
public static class ReScreeningMessages
{
    /// <summary>
    /// Every placed hold requires re-screening; a release with the prescriber's waiver then waives it, and waits while
    /// the case has not recorded its hold. A release without the waiver changes nothing here (the case stays
    /// ReScreeningRequired). Idempotent: holds the case already knows change nothing.
    /// </summary>
    public static Decision? Apply(object message, ScreeningCase? state, ClinicTime now, ScreeningProtocol protocol) => message switch {
        SafetyHoldPlaced m => RequireReScreening.Decide(new RequireReScreening($"Safety hold placed ({m.Trigger}).", m.HoldId), state, now, protocol),
        SafetyHoldReleased { ReScreeningNotNeeded: false } => Decision.Accept(),
        SafetyHoldReleased m when state is null || !(state.ReScreeningHolds.Contains(m.HoldId) || state.WaivedHolds.Contains(m.HoldId)) => null,
        SafetyHoldReleased m => WaiveReScreening.Decide(
            new WaiveReScreening(m.HoldId, m.ReScreeningWaiverReason ?? "Not given.", m.ReleasedBy), state, now, protocol),
        _ => throw new InvalidOperationException($"Screening keeps no {message.GetType().Name} for a course's screening."),
    };

    /// <summary>The table the release before <see cref="EarlyMessages"/> kept a course's holds in (document SafetyHoldInbox).</summary>
    public const string OldTable = "mt_doc_safetyholdinbox";

    /// <summary>
    /// One course's inbox of the earlier release as the messages it merged: per hold notice, the hold (when it came)
    /// and its release (when that came). Not known for a converted row: the patient (PatientId is Guid.Empty) and
    /// the hold's reason ("Safety hold"), which the inbox never held; the trigger when only the release came
    /// (AdverseEvent, never read: a release alone applies no hold). No Screening consumer reads the patient or the
    /// reason: a hold is recorded by its id and trigger, a release by its id, waiver, reason and prescriber. Notices the
    /// case recorded already are applied again harmlessly (the decisions are idempotent) and then deleted.
    /// </summary>
    public static IEnumerable<EarlyMessage> FromOldDocument(JsonElement data, DateTimeOffset now)
    {
        var old = data.Deserialize<OldSafetyHoldInbox>(EarlyMessageUpgrade.OldDocuments)
            ?? throw new InvalidOperationException("A safety-hold inbox of the earlier release is empty.");
        foreach (var hold in old.Holds ?? [])
        {
            var key = hold.HoldId.ToString();
            if (hold.PlacedAt is { } placedAt)
            {
                yield return EarlyMessage.Of(
                    old.Id, key,
                    new SafetyHoldPlaced(old.Id, Guid.Empty, hold.HoldId, hold.Trigger ?? SafetyHoldTrigger.AdverseEvent, "Safety hold", placedAt),
                    placedAt, now);
            }

            if (hold.ReleasedAt is { } releasedAt)
            {
                yield return EarlyMessage.Of(
                    old.Id, key,
                    new SafetyHoldReleased(old.Id, Guid.Empty, hold.HoldId, releasedAt, hold.ReScreeningNotNeeded, hold.WaiverReason, hold.ReleasedBy),
                    releasedAt, now);
            }
        }
    }

    private sealed record OldSafetyHoldInbox(Guid Id, IReadOnlyList<OldHoldNotice>? Holds);

    private sealed record OldHoldNotice(
        Guid HoldId,
        SafetyHoldTrigger? Trigger = null,
        DateTimeOffset? PlacedAt = null,
        DateTimeOffset? ReleasedAt = null,
        bool ReScreeningNotNeeded = false,
        string? WaiverReason = null,
        Guid? ReleasedBy = null);
}
