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

        // A release whose hold has not arrived yet is recorded all the same: the hold, when it comes, is then not
        // applied, and the release's re-screening rule holds either way.
        return state.ReleasedHolds.Contains(command.HoldId)
            ? Decision.Accept()
            : Decision.Accept(new SafetyHoldLifted(state.Id, command.HoldId, command.ReleasedAt, command.ReScreeningWaived));
    }
}
