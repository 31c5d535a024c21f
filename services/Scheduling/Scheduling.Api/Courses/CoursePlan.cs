namespace Scheduling.Api.Courses;

/// <summary>
/// The plan fixed when the course opens, so a later protocol change does not move a patient's goalposts
/// mid-course. Integration sessions are one per dosing session.
/// </summary>
public sealed record CoursePlan(
    int PreparationSessions,
    int InductionDosingSessions,
    int IntegrationSessions,
    int InductionWindowDays,
    int DosingBlockMinutes,
    int MinimumHoursBetweenDosing,
    int MaxDosingPerRolling7Days,
    int EarlyPhaseWeeks,
    int EarlyPhaseMaxDosingPerRolling7Days)
{
    public static CoursePlan For(TreatmentRoute route, SchedulingProtocol protocol)
    {
        var r = protocol.ForRoute(route);
        return new CoursePlan(
            PreparationSessions: protocol.PreparationSessionsRequired,
            InductionDosingSessions: protocol.Clinic.InductionSessionsFor(route),
            IntegrationSessions: protocol.Clinic.InductionSessionsFor(route),
            InductionWindowDays: r.InductionWindowDays,
            DosingBlockMinutes: (int)protocol.DosingBlockLength(route).TotalMinutes,
            MinimumHoursBetweenDosing: r.MinimumHoursBetweenDosing,
            MaxDosingPerRolling7Days: r.MaxDosingPerRolling7Days,
            EarlyPhaseWeeks: r.EarlyPhaseWeeks,
            EarlyPhaseMaxDosingPerRolling7Days: r.EarlyPhaseMaxDosingPerRolling7Days);
    }

    public int WeeklyLimitForWeek(int week) =>
        EarlyPhaseWeeks > 0 && week <= EarlyPhaseWeeks ? EarlyPhaseMaxDosingPerRolling7Days : MaxDosingPerRolling7Days;
}
