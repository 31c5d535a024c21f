namespace Integration.Api.Courses;

/// <summary>
/// One score over time. Days count whole elapsed 24-hour periods since the first dose (negative before it); course
/// week 0 is the first dosing day and before, week 1 is days 1-7, week 4 is days 22-28, so "by week 4" is "by the
/// four-week check".
/// </summary>
public sealed record TrajectoryPoint(
    DateTimeOffset MeasuredAt,
    int Total,
    string Band,
    bool IsBaseline,
    int? DaysSinceFirstDosing,
    int? CourseWeek);

public sealed record InstrumentTrajectory(InstrumentCode Instrument, IReadOnlyList<TrajectoryPoint> Points);

/// <summary>
/// Response and remission of one instrument with a baseline. <paramref name="IsRemission"/> is null for instruments
/// without a remission threshold (GAD-7, PCL-5). <paramref name="PercentChange"/> is negative for improvement.
/// </summary>
public sealed record InstrumentResponse(
    InstrumentCode Instrument,
    int BaselineTotal,
    int LatestTotal,
    DateTimeOffset LatestAt,
    decimal PercentChange,
    bool IsResponse,
    bool? IsRemission,
    DateTimeOffset? FirstResponseAt,
    int? DaysToResponse);

public enum FourWeekCheckStatus
{
    /// <summary>No dosing session yet, so day 28 is not defined.</summary>
    NoDosingYet,

    NotDue,

    /// <summary>The window around day 28 is open and nothing has been measured in it yet.</summary>
    Due,

    Measured,

    /// <summary>The window closed without a measurement.</summary>
    Missed,
}

public sealed record FourWeekInstrumentStatus(
    InstrumentCode Instrument,
    int Total,
    DateTimeOffset MeasuredAt,
    int DaysSinceFirstDosing,
    bool? IsResponse,
    bool? IsRemission);

public sealed record FourWeekCheck(
    FourWeekCheckStatus Status,
    DateTimeOffset? DueAt,
    IReadOnlyList<FourWeekInstrumentStatus> Instruments);

/// <summary>The response class computed from the primary instrument's baseline and latest total.</summary>
public sealed record CourseClassification(
    CourseResponse Response,
    InstrumentCode Instrument,
    int BaselineTotal,
    int FinalTotal);

public sealed record OutcomeSummary(
    IReadOnlyList<InstrumentTrajectory> Trajectories,
    IReadOnlyList<InstrumentResponse> Responses,
    FourWeekCheck FourWeekCheck,
    bool IsWorsening,
    int? DaysToResponse,
    CourseClassification? Classification);
