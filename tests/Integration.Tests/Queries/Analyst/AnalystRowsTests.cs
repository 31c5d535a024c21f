using Platform.ServiceDefaults.Analytics;

namespace Integration.Tests;

public class AnalystRowsTests
{
    private static readonly AnalystPseudonyms Pseudonyms = new(AnalystPseudonyms.DevelopmentKey);

    private static CourseOutcome Course(params (double Day, int Phq9)[] scores)
    {
        var course = WithDoses(Open(phq9Baseline: 20), 1);
        return scores.Aggregate(course, (c, s) => Measure(c, Phq9(s.Phq9, FirstDose.AddDays(s.Day))));
    }

    [Fact]
    public void A_response_on_day_28_counts_as_by_week_4()
    {
        // The first dose is 05:00 in New York; 28.75 days later is 23:00 there on day 28 (already day 29 in UTC).
        Assert.True(AnalystRows.RespondedByWeek4(Course((28.75, 10)), InstrumentCode.Phq9, Protocol, Zone));
    }

    [Fact]
    public void Course_days_are_clinic_days_so_after_clinic_midnight_is_the_next_day()
    {
        // 28.9 days after a 05:00 first dose is 02:36 on the clinic's day 29: too late for week 4.
        Assert.False(AnalystRows.RespondedByWeek4(Course((28.9, 10)), InstrumentCode.Phq9, Protocol, Zone));
        Assert.Equal(29, Assert.Single(AnalystRows.TimeToResponse(Course((28.9, 10)), Protocol, Zone, Pseudonyms)).DaysToResponse);
    }

    [Fact]
    public void A_response_only_after_day_28_does_not()
    {
        Assert.False(AnalystRows.RespondedByWeek4(Course((25, 15), (29, 8)), InstrumentCode.Phq9, Protocol, Zone));
    }

    [Fact]
    public void A_course_not_yet_measured_in_the_week_4_window_is_unknown()
    {
        Assert.Null(AnalystRows.RespondedByWeek4(Course((10, 15), (20, 14)), InstrumentCode.Phq9, Protocol, Zone));
    }

    [Fact]
    public void A_course_stopped_early_without_a_response_did_not_respond()
    {
        var course = Course((7, 18));
        course = Apply(course, Decide(
            new EvaluateCourse(CourseId, CourseRecommendation.Stop, Clinician, null), course, At(FirstDose.AddDays(8)), Protocol));

        Assert.False(AnalystRows.RespondedByWeek4(course, InstrumentCode.Phq9, Protocol, Zone));
    }

    [Fact]
    public void A_course_stopped_before_any_post_dose_measurement_is_left_out_of_the_week_4_share()
    {
        var course = Course();
        course = Apply(course, Decide(
            new EvaluateCourse(CourseId, CourseRecommendation.Stop, Clinician, null), course, At(FirstDose.AddDays(3)), Protocol));

        Assert.Null(AnalystRows.RespondedByWeek4(course, InstrumentCode.Phq9, Protocol, Zone));
        Assert.Equal(nameof(CourseResponse.NotEvaluable), AnalystRows.Response(course, Protocol, Zone, Pseudonyms).EvaluatedResponse);
    }

    [Fact]
    public void Scores_are_grouped_by_course_week_keeping_the_last_of_the_week()
    {
        var rows = AnalystRows.ScoresByWeek(Course((-1, 19), (2, 16), (5, 12), (9, 9)), Protocol, Zone, Pseudonyms);

        Assert.Equal([(0, 19, 1), (1, 12, 2), (2, 9, 1)], rows.Select(r => (r.CourseWeek, r.LastTotal, r.Measurements)));
        Assert.Equal(-55.0m, rows[^1].PercentChange);
        Assert.True(rows[^1].IsResponse);
    }

    [Fact]
    public void Time_to_response_counts_days_and_doses_before_the_first_response()
    {
        var course = WithDoses(Open(phq9Baseline: 20), 4);
        course = Measure(course, Phq9(9, FirstDose.AddDays(8)));

        var row = Assert.Single(AnalystRows.TimeToResponse(course, Protocol, Zone, Pseudonyms));

        Assert.True(row.Responded);
        Assert.Equal(8, row.DaysToResponse);
        Assert.Equal(3, row.DosesBeforeResponse); // doses on days 0, 3.5 and 7
    }

    [Fact]
    public void Adverse_event_rows_carry_codes_and_relative_days_only()
    {
        var course = WithDoses(Open(), 2);
        var dose = course.DosingSessions.Single(d => d.DosingNumber == 2);
        course = Apply(course, Decide(
            AdverseEvent(AdverseEventSeverity.Moderate, dose.DoseStartedAt.AddMinutes(30), AdverseEventType.Dissociation, dose.SessionId),
            course, At(dose.DischargedAt), Protocol));

        var row = Assert.Single(AnalystRows.AdverseEvents(course, Zone, Pseudonyms));

        Assert.Equal(("Dissociation", "Moderate", false, 2, 3), (row.EventType, row.Severity, row.SevereOrSerious, row.DosingNumber, row.CourseDay));
        // Keyed pseudonyms, never the ids an API answer or a log line carries.
        Assert.Equal(Pseudonyms.Course(course.Id), row.CourseKey);
        Assert.NotEqual(course.Id, row.CourseKey);
        Assert.NotEqual(course.AdverseEvents.Single().AdverseEventId, row.AdverseEventKey);
    }
}
