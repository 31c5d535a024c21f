namespace Scheduling.Api.Courses;

/// <summary>
/// A safety hold (or its release) that reached Scheduling before the course did: the approval may still be in flight
/// or Scheduling was down. Kept durably so the course opens on hold instead of the hold being lost after the retries.
/// </summary>
public sealed record EarlySafetyHold(
    Guid Id, Guid CourseId, string? Reason, DateTimeOffset? PlacedAt, DateTimeOffset? ReleasedAt, bool ReScreeningWaived = false)
{
    public bool IsActive => PlacedAt is not null && ReleasedAt is null;

    /// <summary>Records the hold or its release for a course not opened yet; whichever arrives first.</summary>
    public static async Task ParkAsync(
        IDocumentSession session, Guid courseId, Guid holdId, Func<EarlySafetyHold, EarlySafetyHold> update, CancellationToken ct)
    {
        var parked = await session.LoadAsync<EarlySafetyHold>(holdId, ct) ?? new EarlySafetyHold(holdId, courseId, null, null, null);
        session.Store(update(parked));
    }

    /// <summary>
    /// The course's opening decision with every parked hold applied on top, in placement order, and lifted again when
    /// its release came too: a release without the re-screening waiver still stops the course from dosing.
    /// </summary>
    public static Decision OpenOnHold(
        Decision opened, IReadOnlyList<EarlySafetyHold> parked, TreatmentCourse? before, ClinicTime now, SchedulingProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(opened);
        if (opened.IsRejected || opened.Events.Count == 0)
        {
            return opened;
        }

        var events = opened.Events.ToList();
        var state = events.Aggregate(before, TreatmentCourse.Evolve);
        foreach (var hold in parked.Where(h => h.PlacedAt is not null).OrderBy(h => h.PlacedAt))
        {
            var applied = ApplySafetyHold.Decide(new ApplySafetyHold(hold.Id, hold.Reason ?? "Safety hold", hold.PlacedAt!.Value), state, now, protocol);
            events.AddRange(applied.Events);
            state = applied.Events.Aggregate(state, TreatmentCourse.Evolve);
            if (hold.ReleasedAt is { } releasedAt)
            {
                var lifted = LiftSafetyHold.Decide(new LiftSafetyHold(hold.Id, releasedAt, hold.ReScreeningWaived), state, now, protocol);
                events.AddRange(lifted.Events);
                state = lifted.Events.Aggregate(state, TreatmentCourse.Evolve);
            }
        }

        return Decision.Accept(events);
    }
}
