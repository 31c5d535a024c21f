using System.Text.Json;
using Platform.Messaging;
using Platform.ServiceDefaults.Marten;

namespace Scheduling.Api.Courses;

/// <summary>
/// What the opening does with the safety holds and releases kept for a course not opened yet (<see cref="EarlyMessages"/>):
/// the course opens on every kept hold, lifted again where its release came too. A release without the re-screening
/// waiver still stops the course from dosing (<see cref="LiftSafetyHold"/>).
/// </summary>
public static class EarlyCourseMessages
{
    /// <summary>
    /// The opening decision with the kept messages applied on top. An opening with no events (the course is open already,
    /// its kept messages applied long since) applies nothing, as a rejected one does.
    /// </summary>
    public static Decision OpenOnHold(
        Decision opened, TreatmentCourse? before, IReadOnlyList<EarlyMessage> kept, ClinicTime now, SchedulingProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(opened);
        return opened.IsRejected || opened.Events.Count == 0
            ? opened
            : EarlyMessages.Apply(opened, before, kept, TreatmentCourse.Evolve, (message, state) => Apply(message, state, now, protocol)).Decision;
    }

    /// <summary>
    /// One kept message on the course, as the consumers decide it once the course is open: whatever order a hold and its
    /// release sort in, the course ends unheld, and the release's re-screening rule applies. A release whose hold never
    /// came is recorded too, so the hold is not applied if it comes after the opening.
    /// </summary>
    public static Decision Apply(object message, TreatmentCourse? state, ClinicTime now, SchedulingProtocol protocol) => message switch {
        SafetyHoldPlaced m => ApplySafetyHold.Decide(new ApplySafetyHold(m.HoldId, m.Reason, m.PlacedAt), state, now, protocol),
        SafetyHoldReleased m => LiftSafetyHold.Decide(new LiftSafetyHold(m.HoldId, m.ReleasedAt, m.ReScreeningNotNeeded), state, now, protocol),
        _ => throw new InvalidOperationException($"Scheduling keeps no {message.GetType().Name} for a course not opened yet."),
    };

    /// <summary>The table the release before <see cref="EarlyMessages"/> parked holds in (document EarlySafetyHold).</summary>
    public const string OldTable = "mt_doc_early_safety_hold";

    /// <summary>
    /// One parked hold of the earlier release as the messages it merged: the hold, and its release if that came too (a
    /// release alone waits for its hold, as it did). Not known for a converted row: the patient (PatientId is
    /// Guid.Empty) and the trigger (AdverseEvent), which the old document never held; the release's waiver reason
    /// and prescriber. No Scheduling consumer reads them: a hold is applied by its id, reason and time, a release by
    /// its id, time and waiver flag.
    /// </summary>
    public static IEnumerable<EarlyMessage> FromOldDocument(JsonElement data, DateTimeOffset now)
    {
        var old = data.Deserialize<OldEarlySafetyHold>(EarlyMessageUpgrade.OldDocuments)
            ?? throw new InvalidOperationException("An early safety hold of the earlier release is empty.");
        var key = old.Id.ToString();
        if (old.PlacedAt is { } placedAt)
        {
            yield return EarlyMessage.Of(
                old.CourseId, key,
                new SafetyHoldPlaced(old.CourseId, Guid.Empty, old.Id, SafetyHoldTrigger.AdverseEvent, old.Reason ?? "Safety hold", placedAt),
                placedAt, now);
        }

        if (old.ReleasedAt is { } releasedAt)
        {
            yield return EarlyMessage.Of(
                old.CourseId, key, new SafetyHoldReleased(old.CourseId, Guid.Empty, old.Id, releasedAt, old.ReScreeningWaived), releasedAt, now);
        }
    }

    private sealed record OldEarlySafetyHold(
        Guid Id, Guid CourseId, string? Reason, DateTimeOffset? PlacedAt, DateTimeOffset? ReleasedAt, bool ReScreeningWaived = false);
}
