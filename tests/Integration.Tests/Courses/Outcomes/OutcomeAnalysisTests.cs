namespace Integration.Tests;

public class OutcomeAnalysisTests
{
    [Theory]
    [InlineData(20, 10, true)] // exactly 50 %
    [InlineData(20, 11, false)] // 45 %
    [InlineData(9, 4, true)] // 55.6 %
    [InlineData(9, 5, false)] // 44.4 %
    [InlineData(0, 0, false)] // no room to drop
    public void Response_is_a_drop_of_at_least_half_from_baseline(int baseline, int total, bool response)
    {
        Assert.Equal(response, OutcomeAnalysis.IsResponse(baseline, total, Protocol));
    }

    [Theory]
    [InlineData(InstrumentCode.Phq9, 4, true)]
    [InlineData(InstrumentCode.Phq9, 5, false)]
    [InlineData(InstrumentCode.Madrs, 10, true)]
    [InlineData(InstrumentCode.Madrs, 11, false)]
    [InlineData(InstrumentCode.QidsSr16, 5, true)]
    [InlineData(InstrumentCode.QidsSr16, 6, false)]
    public void Remission_thresholds(InstrumentCode instrument, int total, bool remission)
    {
        Assert.Equal(remission, OutcomeAnalysis.IsRemission(instrument, total, Protocol));
    }

    [Fact]
    public void Instruments_without_a_remission_threshold_report_none()
    {
        Assert.Null(OutcomeAnalysis.IsRemission(InstrumentCode.Gad7, 0, Protocol));
    }

    [Theory]
    [InlineData(20, 4, CourseResponse.Remitter)] // PHQ-9 20 -> 4: under 5
    [InlineData(20, 9, CourseResponse.Responder)] // 20 -> 9: 55 % drop, not under 5
    [InlineData(20, 10, CourseResponse.Responder)] // 20 -> 10: exactly 50 %
    [InlineData(20, 11, CourseResponse.NonResponder)] // 20 -> 11: 45 %
    [InlineData(8, 4, CourseResponse.Remitter)] // remission without needing the 50 % drop
    public void Classification_uses_the_latest_phq9_against_baseline(int baseline, int final, CourseResponse expected)
    {
        var course = Measure(WithDoses(Open(phq9Baseline: baseline), 6), Phq9(15, FirstDose.AddDays(7)));
        course = Measure(course, Phq9(final, FirstDose.AddDays(20)));

        var classification = OutcomeAnalysis.Classify(course, Protocol)!;

        Assert.Equal(expected, classification.Response);
        Assert.Equal(InstrumentCode.Phq9, classification.Instrument);
        Assert.Equal(final, classification.FinalTotal);
    }

    [Fact]
    public void Ptsd_course_is_classified_by_pcl5_before_phq9()
    {
        var course = Open(phq9Baseline: 10, indication: Indication.Ptsd, extraBaseline: new BaselineScore(InstrumentCode.Pcl5, 50, "probable PTSD", ApprovedAt));
        course = WithDoses(course, 6);
        course = Measure(course, new RecordOutcome(CourseId, Guid.NewGuid(), Scored(InstrumentCode.Pcl5, 24, 20), FirstDose.AddDays(20), Clinician));
        course = Measure(course, Phq9(10, FirstDose.AddDays(20)));

        var classification = OutcomeAnalysis.Classify(course, Protocol)!;

        Assert.Equal(InstrumentCode.Pcl5, classification.Instrument);
        Assert.Equal(CourseResponse.Responder, classification.Response); // 50 -> 24 is 52 %; PCL-5 has no remission cut-off
    }

    [Fact]
    public void Measurements_before_the_first_dose_are_not_classified()
    {
        var course = Measure(Open(phq9Baseline: 20), Phq9(3, FirstDose.AddDays(-1)));

        Assert.Null(OutcomeAnalysis.Classify(course, Protocol));
    }

    [Fact]
    public void Trajectory_has_baseline_days_and_course_weeks()
    {
        var course = WithDoses(Open(phq9Baseline: 20), 2);
        course = Measure(course, Phq9(16, FirstDose.AddDays(6)));
        course = Measure(course, Phq9(9, FirstDose.AddDays(28)));

        var phq9 = Assert.Single(OutcomeAnalysis.Trajectories(course, Zone));

        Assert.Equal(InstrumentCode.Phq9, phq9.Instrument);
        Assert.Equal([20, 16, 9], phq9.Points.Select(p => p.Total));
        Assert.True(phq9.Points[0].IsBaseline);
        Assert.Equal([-9, 6, 28], phq9.Points.Select(p => p.DaysSinceFirstDosing!.Value));
        Assert.Equal([0, 1, 4], phq9.Points.Select(p => p.CourseWeek!.Value));
    }

    [Fact]
    public void Time_to_response_counts_days_from_first_dose_to_first_responding_measurement()
    {
        var course = WithDoses(Open(phq9Baseline: 20), 6);
        course = Measure(course, Phq9(14, FirstDose.AddDays(4)));
        course = Measure(course, Phq9(10, FirstDose.AddDays(11).AddHours(3)));
        course = Measure(course, Phq9(12, FirstDose.AddDays(18)));

        var phq9 = Assert.Single(OutcomeAnalysis.Responses(course, Protocol, Zone));

        Assert.Equal(11, phq9.DaysToResponse);
        Assert.False(phq9.IsResponse); // the latest (12) is no longer a response
        Assert.Equal(-40.0m, phq9.PercentChange);
        Assert.Equal(11, OutcomeAnalysis.Analyse(course, At(FirstDose.AddDays(20)), Protocol).DaysToResponse);
    }

    [Fact]
    public void Four_week_check_picks_the_measurement_closest_to_day_28_within_the_window()
    {
        var course = WithDoses(Open(phq9Baseline: 20), 6);
        course = Measure(course, Phq9(4, FirstDose.AddDays(14))); // too early to stand for week 4
        course = Measure(course, Phq9(12, FirstDose.AddDays(25)));
        course = Measure(course, Phq9(9, FirstDose.AddDays(29)));
        course = Measure(course, Phq9(3, FirstDose.AddDays(32))); // after day 28 + 3

        var check = OutcomeAnalysis.FourWeekCheck(course, At(FirstDose.AddDays(40)), Protocol);

        Assert.Equal(FourWeekCheckStatus.Measured, check.Status);
        Assert.Equal(FirstDose.AddDays(28), check.DueAt);
        var phq9 = Assert.Single(check.Instruments);
        Assert.Equal(9, phq9.Total);
        Assert.Equal(29, phq9.DaysSinceFirstDosing);
        Assert.True(phq9.IsResponse);
        Assert.False(phq9.IsRemission);
    }

    [Theory]
    [InlineData(20, FourWeekCheckStatus.NotDue)]
    [InlineData(21, FourWeekCheckStatus.Due)]
    [InlineData(31, FourWeekCheckStatus.Due)]
    [InlineData(32, FourWeekCheckStatus.Missed)]
    public void Four_week_check_status_without_a_measurement(int day, FourWeekCheckStatus expected)
    {
        var course = Measure(WithDoses(Open(), 6), Phq9(15, FirstDose.AddDays(10)));

        Assert.Equal(expected, OutcomeAnalysis.FourWeekCheck(course, At(FirstDose.AddDays(day)), Protocol).Status);
    }

    [Fact]
    public void Four_week_check_is_due_until_the_end_of_the_clinic_day()
    {
        var course = Measure(WithDoses(Open(), 6), Phq9(15, FirstDose.AddDays(10)));

        // Day 31 (28 + 3) ends at midnight in New York: 23:30 there is still due, 00:30 the next clinic day is missed.
        var lateEvening = FirstDose.AddDays(31).AddHours(18.5);
        Assert.Equal(FourWeekCheckStatus.Due, OutcomeAnalysis.FourWeekCheck(course, At(lateEvening), Protocol).Status);
        Assert.Equal(FourWeekCheckStatus.Missed, OutcomeAnalysis.FourWeekCheck(course, At(lateEvening.AddHours(1)), Protocol).Status);
    }

    [Fact]
    public void Four_week_check_needs_a_first_dose()
    {
        Assert.Equal(FourWeekCheckStatus.NoDosingYet, OutcomeAnalysis.FourWeekCheck(Open(), At(FirstDose), Protocol).Status);
    }
}
