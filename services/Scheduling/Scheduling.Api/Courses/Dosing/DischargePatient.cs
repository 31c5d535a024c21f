namespace Scheduling.Api.Courses;

/// <summary>Both clinical judgements are required: a missing one is a 400, never silently "unresolved".</summary>
public sealed record DischargeRequest(VitalsReading AtDischarge, bool? SedationResolved, bool? DissociationResolved) : IDosingStepRequest<DischargePatient>
{
    public DischargePatient ToCommand(Guid sessionId, Guid recordedBy) => new(sessionId, AtDischarge, SedationResolved == true, DissociationResolved == true, recordedBy);

    public FieldErrors Validate(DateTimeOffset now) =>
        new FieldErrors()
            .Vitals(AtDischarge, now, "atDischarge")
            .Require(SedationResolved is not null, "sedationResolved", "is required (true or false)")
            .Require(DissociationResolved is not null, "dissociationResolved", "is required (true or false)");
}

public sealed record DischargePatient(
    Guid SessionId,
    VitalsReading AtDischarge,
    bool SedationResolved,
    bool DissociationResolved,
    Guid DischargedBy)
{
    /// <summary>
    /// Discharge needs the full monitoring period after the dose, the 40-minute vitals, and resolved sedation and
    /// dissociation.
    /// Emits the discharge and the dosing summary that becomes the <c>DosingSessionCompleted</c> contract.
    /// </summary>
    public static Decision Decide(DischargePatient command, TreatmentCourse? state, ClinicTime now, SchedulingProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!DosingGates.TryInProgress(state, command.SessionId, out var session, out var dosing, out var refused))
        {
            return refused;
        }

        var doseStartedAt = dosing.StartedAt;
        var earliest = doseStartedAt.AddMinutes(protocol.DischargeMinimumMinutesAfterDose);
        if (now.Utc < earliest)
        {
            return Decision.Reject(
                RuleIds.DischargeTooEarly,
                $"Discharge is allowed from {earliest:u}, {protocol.DischargeMinimumMinutesAfterDose} minutes after the dose started.");
        }

        // The 40-minute reading is the one that catches a blood-pressure rise; nobody leaves without it.
        if (dosing.Record.AtFortyMinutes is null)
        {
            return Decision.Reject(
                RuleIds.MonitoringVitalsMissing, "Record the monitoring vitals (around 40 minutes after the dose) before discharge.");
        }

        if (!command.SedationResolved)
        {
            return Decision.Reject(RuleIds.SedationUnresolved, "Sedation has not resolved; keep monitoring.");
        }

        if (!command.DissociationResolved)
        {
            return Decision.Reject(RuleIds.DissociationUnresolved, "Dissociation has not resolved; keep monitoring.");
        }

        DateTimeOffset? remsDue = state.Route == TreatmentRoute.EsketamineNasalSpray ? now.Utc.AddDays(protocol.RemsMonitoringDueDays) : null;
        return Decision.Accept(
            new PatientDischarged(
                state.Id, session.SessionId, command.AtDischarge, command.SedationResolved, command.DissociationResolved,
                command.DischargedBy, protocol.Version, now.Utc),
            new DosingSessionConcluded(
                state.Id, session.SessionId, state.CompletedDosingCount() + 1, state.Route, dosing.DoseMg, doseStartedAt, now.Utc,
                dosing.CheckIn.PreDose, dosing.Record.AtFortyMinutes, command.AtDischarge, dosing.Record.CadssTotal, session.TherapistId,
                session.MedicalProfessionalId ?? dosing.Record.AdministeredBy ?? Guid.Empty, remsDue));
    }

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder course) =>
        course.MapDosingStep<DischargeRequest, DischargePatient>("discharge", "Discharges the patient: not before the monitoring period and only with sedation and dissociation resolved", Decide);
}
