namespace Scheduling.Api.Courses;

/// <summary>Both confirmations are required: a missing one is a 400, never silently "no".</summary>
public sealed record CheckInRequest(VitalsReading PreDose, bool? FastingConfirmed, bool? RideHomeConfirmed) : IDosingStepRequest<RecordCheckIn>
{
    public RecordCheckIn ToCommand(Guid sessionId, Guid recordedBy) => new(sessionId, PreDose, FastingConfirmed == true, RideHomeConfirmed == true, recordedBy);

    public FieldErrors Validate(DateTimeOffset now) =>
        new FieldErrors()
            .Vitals(PreDose, now, "preDose")
            .Require(FastingConfirmed is not null, "fastingConfirmed", "is required (true or false)")
            .Require(RideHomeConfirmed is not null, "rideHomeConfirmed", "is required (true or false)");
}

public sealed record RecordCheckIn(
    Guid SessionId,
    VitalsReading PreDose,
    bool FastingConfirmed,
    bool RideHomeConfirmed,
    Guid RecordedBy)
{
    /// <summary>
    /// Records the pre-dose check. Failed gates are recorded as a <see cref="DoseHeld"/> with the reasons, so
    /// a held dose is explained in the stream even if nobody tries to start it; a new check-in (e.g. a BP
    /// re-check 15 minutes later) replaces the previous one.
    /// </summary>
    public static Decision Decide(RecordCheckIn command, TreatmentCourse? state, ClinicTime now, SchedulingProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!CourseRefusals.TryFindSession(state, command.SessionId, dosingOnly: true, out var session, out var refused, openOnly: true))
        {
            return refused;
        }

        if (session.Status != SessionStatus.Booked)
        {
            return Decision.Reject(RuleIds.SessionState, $"Check-in happens before the dose; the session is {session.Status}.");
        }

        var opens = session.Start.AddMinutes(-protocol.CheckInOpensMinutesBeforeStart);
        if (now.Utc < opens || now.Utc > session.End)
        {
            return Decision.Reject(
                RuleIds.CheckInOutsideWindow, $"Check-in for this session is open from {opens:u} to the end of the block at {session.End:u}.");
        }

        // A reading from last week says nothing about the patient about to be dosed.
        if (now.Utc - command.PreDose.TakenAt > TimeSpan.FromMinutes(protocol.PreDoseVitalsMaxAgeMinutes))
        {
            return Decision.Reject(
                RuleIds.PreDoseVitalsStale,
                $"The pre-dose reading was taken at {command.PreDose.TakenAt:u}, more than {protocol.PreDoseVitalsMaxAgeMinutes} minutes ago; take it again.");
        }

        var events = new List<object>
        {
            new CheckInRecorded(
                state.Id, session.SessionId, command.PreDose, command.FastingConfirmed, command.RideHomeConfirmed, command.RecordedBy, now.Utc),
        };
        var failed = DosingGates.Failed(new CheckIn(command.PreDose, command.FastingConfirmed, command.RideHomeConfirmed, now.Utc), protocol);
        if (failed.Count > 0)
        {
            events.Add(new DoseHeld(
                state.Id, session.SessionId, failed.Select(f => f.RuleId).ToList(), string.Join(" ", failed.Select(f => f.Detail)),
                protocol.Version, now.Utc));
        }

        return Decision.Accept(events);
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder course) =>
        course.MapDosingStep<CheckInRequest, RecordCheckIn>("check-in", "Pre-dose BP and HR, fasting and ride home; a failed gate holds the dose with the reason recorded", Decide);
}
