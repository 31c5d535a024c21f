namespace Scheduling.Api.Courses;

/// <summary>Integration placed a safety hold on the course.</summary>
public sealed record ApplySafetyHold(Guid HoldId, string Reason, DateTimeOffset PlacedAt)
{
    /// <summary>
    /// Applies a safety hold and cancels every dosing session that has not started yet. Sessions already in
    /// progress are left to the medical professional; preparation and integration continue.
    /// </summary>
    public static Decision Decide(ApplySafetyHold command, TreatmentCourse? state, ClinicTime now, SchedulingProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!CourseRefusals.Exists(state, out var refused))
        {
            return refused;
        }

        // A duplicate, or a hold whose release overtook it: the prescriber's release is the later clinical fact.
        if (state.ActiveHolds.Exists(h => h.HoldId == command.HoldId) || state.ReleasedHolds.Contains(command.HoldId))
        {
            return Decision.Accept();
        }

        var events = new List<object> { new SafetyHoldApplied(state.Id, command.HoldId, command.Reason, command.PlacedAt, now.Utc) };
        events.AddRange(state.Sessions
            .Where(s => s.Kind == SessionKind.Dosing && s.Status == SessionStatus.Booked && s.Start > now.Utc)
            .Select(s => new BookingCancelled(
                state.Id, s.SessionId, s.Kind, s.Start, $"Safety hold: {command.Reason}", CancellationInitiator.SafetyHold,
                LateCancellation: false, command.HoldId, protocol.Version, now.Utc)));
        return Decision.Accept(events);
    }
}
