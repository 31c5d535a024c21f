namespace Integration.Api.Courses;

/// <summary>Opens a course's outcome record with the baseline from screening; driven by the approval message only.</summary>
public sealed record OpenCourseOutcome(
    Guid CourseId,
    Guid PatientId,
    Indication Indication,
    TreatmentRoute Route,
    IReadOnlyList<BaselineScore> BaselineScores,
    DateTimeOffset ApprovedAt,
    string ScreeningProtocolVersion)
{
    public static OpenCourseOutcome From(PatientApprovedForTreatmentV2 message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new OpenCourseOutcome(
            message.CourseId,
            message.PatientId,
            message.Indication,
            message.Route,
            [.. message.BaselineScores.Select(s => new BaselineScore(s.Instrument, s.Total, s.Band, s.AdministeredAt))],
            message.ApprovedAt,
            message.ProtocolVersion);
    }

    /// <summary>A redelivered approval finds the record open and changes nothing.</summary>
    public static Decision Decide(OpenCourseOutcome command, CourseOutcome? state, ClinicTime now, IntegrationProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(protocol);
        if (state is not null)
        {
            return Decision.Accept();
        }

        return Decision.Accept(new CourseOutcomeOpened(
            command.CourseId, command.PatientId, command.Indication, command.Route, command.BaselineScores,
            command.ApprovedAt, command.ScreeningProtocolVersion, protocol.Version, now.Utc));
    }
}
