namespace Integration.Api.Courses;

/// <summary>
/// A completed dosing session that reached Integration before the approval that opens the course's record (the
/// approval may still be in flight, or was parked while the service was down). Kept durably and applied when the
/// record opens, instead of being retried into the _error queue: the order two services' messages arrive in is
/// not a clinical fact.
/// </summary>
public sealed record EarlyDosingSession(Guid Id, Guid CourseId, DosingSessionCompleted Message, DateTimeOffset KeptAt)
{
    public static EarlyDosingSession Keep(DosingSessionCompleted message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new EarlyDosingSession(message.SessionId, message.CourseId, message, now);
    }

    /// <summary>
    /// The record's opening with the kept sessions recorded on top, in dosing order. A kept session the record refuses
    /// (dosed before the approval) is left out and stays kept, named by <paramref name="refused"/>.
    /// </summary>
    public static Decision OpenWith(
        Decision opened, IReadOnlyList<EarlyDosingSession> kept, CourseOutcome? before, ClinicTime now,
        IntegrationProtocol protocol, ICollection<(EarlyDosingSession Session, Rejection Rejection)> refused)
    {
        ArgumentNullException.ThrowIfNull(opened);
        ArgumentNullException.ThrowIfNull(refused);
        if (opened.IsRejected || opened.Events.Count == 0 || kept.Count == 0)
        {
            return opened;
        }

        var events = opened.Events.ToList();
        var state = events.Aggregate(before, CourseOutcome.Evolve);
        foreach (var session in kept.OrderBy(k => k.Message.DoseStartedAt))
        {
            var recorded = RecordDosingSession.Decide(session.Message, state, now, protocol);
            if (recorded.Rejection is { } rejection)
            {
                refused.Add((session, rejection));
                continue;
            }

            events.AddRange(recorded.Events);
            state = recorded.Events.Aggregate(state, CourseOutcome.Evolve);
        }

        return Decision.Accept(events);
    }
}
