namespace Scheduling.Api.Courses;

/// <summary>A prescriber released the hold in Integration, and said whether re-screening is needed before dosing again.</summary>
public sealed record LiftSafetyHold(Guid HoldId, DateTimeOffset ReleasedAt, bool ReScreeningWaived = false)
{
    public static Decision Decide(LiftSafetyHold command, TreatmentCourse? state, ClinicTime now, SchedulingProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!CourseRefusals.Exists(state, out var refused))
        {
            return refused;
        }

        return state.ActiveHolds.Exists(h => h.HoldId == command.HoldId)
            ? Decision.Accept(new SafetyHoldLifted(state.Id, command.HoldId, command.ReleasedAt, command.ReScreeningWaived))
            : Decision.Accept();
    }
}
