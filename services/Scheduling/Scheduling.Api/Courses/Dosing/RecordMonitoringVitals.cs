namespace Scheduling.Api.Courses;

public sealed record VitalsRequest(VitalsReading Vitals) : IDosingStepRequest<RecordMonitoringVitals>
{
    public RecordMonitoringVitals ToCommand(Guid sessionId, Guid recordedBy) => new(sessionId, Vitals, recordedBy);

    public FieldErrors Validate(DateTimeOffset now) => new FieldErrors().Vitals(Vitals, now, "vitals");
}

/// <summary>The reading around 40 minutes after the dose.</summary>
public sealed record RecordMonitoringVitals(Guid SessionId, VitalsReading Vitals, Guid RecordedBy)
{
    /// <summary>A rise over the pre-dose reading beyond the clinic's thresholds is flagged.</summary>
    public static Decision Decide(RecordMonitoringVitals command, TreatmentCourse? state, ClinicTime now, SchedulingProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!DosingGates.TryInProgress(state, command.SessionId, out var session, out var dosing, out var refused))
        {
            return refused;
        }

        var minutes = (int)Math.Round((command.Vitals.TakenAt - dosing.StartedAt).TotalMinutes);
        var preDose = dosing.CheckIn.PreDose;
        var rise = protocol.Clinic.IsBloodPressureRise(preDose.Systolic, preDose.Diastolic, command.Vitals.Systolic, command.Vitals.Diastolic);
        return Decision.Accept(new MonitoringVitalsRecorded(state.Id, session.SessionId, command.Vitals, minutes, rise, command.RecordedBy));
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder course) =>
        course.MapDosingStep<VitalsRequest, RecordMonitoringVitals>("vitals", "The monitoring reading around 40 minutes after the dose", Decide);
}
