namespace Scheduling.Api.Courses;

/// <summary>Opens Scheduling's slice of the course from Screening's approval, under the course id Screening minted.</summary>
public sealed record OpenCourse(PatientApprovedForTreatmentV2 Approval)
{
    /// <summary>Idempotent: a second approval message for an open course changes nothing.</summary>
    public static Decision Decide(OpenCourse command, TreatmentCourse? state, ClinicTime now, SchedulingProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (state is not null)
        {
            return Decision.Accept();
        }

        var a = command.Approval;
        return Decision.Accept(new CourseOpened(
            a.CourseId, a.PatientId, a.Indication, a.Route, a.ApprovedAt, a.ApprovalValidUntil, a.Conditions,
            a.ProtocolVersion, protocol.Version, CoursePlan.For(a.Route, protocol), now.Utc));
    }
}
