namespace Scheduling.Api.Courses;

/// <summary>A prescriber released the hold in Integration.</summary>
public sealed record LiftSafetyHold(Guid HoldId, DateTimeOffset ReleasedAt)
{
    public static Decision Decide(LiftSafetyHold command, TreatmentCourse? state, DateTimeOffset now, SchedulingProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (state is null)
        {
            return CourseRefusals.NotFound();
        }

        return state.ActiveHolds.Exists(h => h.HoldId == command.HoldId)
            ? Decision.Accept(new SafetyHoldLifted(state.Id, command.HoldId, command.ReleasedAt))
            : Decision.Accept();
    }
}
