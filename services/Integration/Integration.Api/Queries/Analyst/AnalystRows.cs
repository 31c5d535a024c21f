using Platform.ServiceDefaults.Analytics;

namespace Integration.Api.Queries;

// Row shapes of the analyst tables; property names become the snake_case column names. Keys are pseudonyms
// (AnalystPseudonyms), never the operational ids.

public sealed record ScoreWeekRow(
    Guid CourseKey, string Instrument, int CourseWeek, string Indication, string Route, int Measurements,
    int LastTotal, string LastBand, int? LastDay, int? BaselineTotal, decimal? PercentChange, bool? IsResponse, bool? IsRemission);

public sealed record CourseResponseRow(
    Guid CourseKey, string Indication, string Route, int DosingSessions, string? PrimaryInstrument, int? BaselineTotal,
    int? LatestTotal, int? LatestDay, decimal? PercentChange, bool? IsResponse, bool? IsRemission, bool? RespondedByWeek4,
    bool? Week4Response, bool? Week4Remission, int? DaysToResponse, bool Worsening, int AdverseEvents, int SafetyHolds,
    string? EvaluatedResponse, string? Recommendation, bool Completed);

public sealed record TimeToResponseRow(
    Guid CourseKey, string Instrument, string Indication, string Route, int BaselineTotal, bool Responded,
    int? DaysToResponse, int? DosesBeforeResponse, int? LastMeasuredDay);

public sealed record AdverseEventRow(
    Guid AdverseEventKey, Guid CourseKey, string Indication, string Route, string EventType, string Severity,
    bool SevereOrSerious, int? OnsetMinutesAfterDose, int? DosingNumber, int? CourseDay);

public sealed record CourseAnalystRows(
    IReadOnlyList<ScoreWeekRow> ScoresByWeek,
    CourseResponseRow Response,
    IReadOnlyList<TimeToResponseRow> TimeToResponse,
    IReadOnlyList<AdverseEventRow> AdverseEvents);

/// <summary>
/// A course's analyst rows, computed from its whole state each time, so an event that arrives late (a dosing session
/// after a measurement) moves every week number correctly and a replay writes the same rows.
/// </summary>
public static class AnalystRows
{
    public static CourseAnalystRows For(CourseOutcome course, IntegrationProtocol protocol, TimeZoneInfo zone, AnalystPseudonyms pseudonyms)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(protocol);
        return new CourseAnalystRows(
            ScoresByWeek(course, protocol, zone, pseudonyms), Response(course, protocol, zone, pseudonyms),
            TimeToResponse(course, protocol, zone, pseudonyms), AdverseEvents(course, zone, pseudonyms));
    }

    /// <summary>Per instrument and course week, the last score of the week; measurements before the first dose are week 0.</summary>
    public static IReadOnlyList<ScoreWeekRow> ScoresByWeek(CourseOutcome course, IntegrationProtocol protocol, TimeZoneInfo zone, AnalystPseudonyms pseudonyms)
    {
        ArgumentNullException.ThrowIfNull(course);
        var first = course.FirstDosingAt;
        return
        [
            .. course.Measurements
                .GroupBy(m => (m.Instrument, Week: Week(first, m.MeasuredAt, zone)))
                .OrderBy(g => OutcomeAnalysis.NameOf(g.Key.Instrument), StringComparer.Ordinal).ThenBy(g => g.Key.Week)
                .Select(g =>
                {
                    var last = g.MaxBy(m => m.MeasuredAt)!;
                    var baseline = course.BaselineFor(g.Key.Instrument)?.Total;
                    var responds = OutcomeAnalysis.HasResponse(g.Key.Instrument) && baseline is not null;
                    return new ScoreWeekRow(
                        pseudonyms.Course(course.Id), OutcomeAnalysis.NameOf(g.Key.Instrument), g.Key.Week, course.Indication.ToString(), course.Route.ToString(), g.Count(),
                        last.Total, last.Band, first is { } f ? OutcomeAnalysis.DaysSince(f, last.MeasuredAt, zone) : null, baseline,
                        responds ? PercentChange(baseline!.Value, last.Total) : null,
                        responds ? OutcomeAnalysis.IsResponse(baseline!.Value, last.Total, protocol) : null,
                        OutcomeAnalysis.IsRemission(g.Key.Instrument, last.Total, protocol));
                }),
        ];
    }

    public static CourseResponseRow Response(CourseOutcome course, IntegrationProtocol protocol, TimeZoneInfo zone, AnalystPseudonyms pseudonyms)
    {
        ArgumentNullException.ThrowIfNull(course);
        var first = course.FirstDosingAt;
        var primary = PrimaryInstrument(course, protocol);
        var response = primary is null ? null : OutcomeAnalysis.Responses(course, protocol, zone).FirstOrDefault(r => r.Instrument == primary);
        var week4 = primary is null
            ? null
            : OutcomeAnalysis.FourWeekCheck(course, ClinicTime.At(course.ApprovedAt, zone), protocol).Instruments.FirstOrDefault(i => i.Instrument == primary);
        return new CourseResponseRow(
            pseudonyms.Course(course.Id),
            course.Indication.ToString(),
            course.Route.ToString(),
            course.DosingSessions.Count,
            primary is { } named ? OutcomeAnalysis.NameOf(named) : null,
            primary is { } baselined ? course.BaselineFor(baselined)?.Total : null,
            response?.LatestTotal,
            response is not null && first is { } f ? OutcomeAnalysis.DaysSince(f, response.LatestAt, zone) : null,
            response?.PercentChange,
            response?.IsResponse,
            response?.IsRemission,
            primary is { } measured ? RespondedByWeek4(course, measured, protocol, zone) : null,
            week4?.IsResponse,
            week4?.IsRemission,
            response?.DaysToResponse,
            OutcomeAnalysis.IsWorsening(course, protocol),
            course.AdverseEvents.Count,
            course.Holds.Count,
            course.Evaluation?.Response.ToString(),
            course.Evaluation?.Recommendation.ToString(),
            course.IsCompleted);
    }

    /// <summary>
    /// True when the primary instrument showed a response from the first dose through day 28 (the four-week check day).
    /// False once that can no longer happen or did not: a measurement in or after the four-week window without an
    /// earlier response, or a course completed (stopped) without one after being measured. Null while it is still open or
    /// unknowable (no dose, no baseline, stopped before any post-dose measurement), so a share computed over non-null rows
    /// never counts a course that has not reached week 4 or could not be evaluated.
    /// </summary>
    public static bool? RespondedByWeek4(CourseOutcome course, InstrumentCode instrument, IntegrationProtocol protocol, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(protocol);
        if (course.FirstDosingAt is not { } first || course.BaselineFor(instrument) is not { } baseline)
        {
            return null;
        }

        var days = course.Measurements
            .Where(m => m.Instrument == instrument && m.MeasuredAt >= first)
            .Select(m => (Day: OutcomeAnalysis.DaysSince(first, m.MeasuredAt, zone), m.Total))
            .ToList();
        if (days.Any(d => d.Day <= protocol.FourWeekCheckDay && OutcomeAnalysis.IsResponse(baseline.Total, d.Total, protocol)))
        {
            return true;
        }

        // Stopped before any measurement after the first dose: not evaluable, never counted as a non-responder.
        var windowOpens = protocol.FourWeekCheckDay - protocol.FourWeekCheckDaysBefore;
        return days.Any(d => d.Day >= windowOpens) || (course.IsCompleted && days.Count > 0) ? false : null;
    }

    public static IReadOnlyList<TimeToResponseRow> TimeToResponse(CourseOutcome course, IntegrationProtocol protocol, TimeZoneInfo zone, AnalystPseudonyms pseudonyms)
    {
        ArgumentNullException.ThrowIfNull(course);
        if (course.FirstDosingAt is not { } first)
        {
            return [];
        }

        return
        [
            .. OutcomeAnalysis.Responses(course, protocol, zone).Select(r => new TimeToResponseRow(
                pseudonyms.Course(course.Id), OutcomeAnalysis.NameOf(r.Instrument), course.Indication.ToString(), course.Route.ToString(), r.BaselineTotal,
                r.FirstResponseAt is not null,
                r.DaysToResponse,
                r.FirstResponseAt is { } at ? course.DosingSessions.Count(d => d.DoseStartedAt <= at) : null,
                OutcomeAnalysis.DaysSince(first, r.LatestAt, zone))),
        ];
    }

    public static IReadOnlyList<AdverseEventRow> AdverseEvents(CourseOutcome course, TimeZoneInfo zone, AnalystPseudonyms pseudonyms)
    {
        ArgumentNullException.ThrowIfNull(course);
        var first = course.FirstDosingAt;
        return
        [
            .. course.AdverseEvents.Select(a => new AdverseEventRow(
                pseudonyms.AdverseEvent(a.AdverseEventId), pseudonyms.Course(course.Id), course.Indication.ToString(), course.Route.ToString(), a.Type.ToString(),
                a.Severity.ToString(), a.Severity.PlacesHold(), a.OnsetMinutesAfterDose,
                a.DosingSessionId is { } dosing ? course.DosingSessions.FirstOrDefault(d => d.SessionId == dosing)?.DosingNumber : null,
                first is { } f ? OutcomeAnalysis.DaysSince(f, a.OccurredAt, zone) : null)),
        ];
    }

    /// <summary>The instrument the course is classified by; before any post-dose measurement, the indication's preferred one with a baseline.</summary>
    private static InstrumentCode? PrimaryInstrument(CourseOutcome course, IntegrationProtocol protocol) =>
        OutcomeAnalysis.Classify(course, protocol)?.Instrument
        ?? OutcomeAnalysis.PrimaryInstrumentPreference(course.Indication).Where(i => course.BaselineFor(i) is not null).Select(i => (InstrumentCode?)i).FirstOrDefault();

    private static int Week(DateTimeOffset? first, DateTimeOffset at, TimeZoneInfo zone) =>
        first is { } f ? OutcomeAnalysis.CourseWeek(OutcomeAnalysis.DaysSince(f, at, zone)) : 0;

    private static decimal PercentChange(int baseline, int total) =>
        baseline == 0 ? 0m : Math.Round((total - baseline) * 100m / baseline, 1, MidpointRounding.AwayFromZero);
}
