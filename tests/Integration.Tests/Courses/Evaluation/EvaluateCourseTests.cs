namespace Integration.Tests;

public class EvaluateCourseTests
{
    private static readonly DateTimeOffset Now = FirstDose.AddDays(30);

    private static EvaluateCourse Evaluate(CourseRecommendation recommendation) =>
        new(CourseId, recommendation, Clinician, "rationale");

    [Fact]
    public void Evaluation_after_induction_computes_the_response_and_completes_the_course()
    {
        var course = Measure(WithDoses(Open(phq9Baseline: 22), 6), Phq9(4, FirstDose.AddDays(20)));

        var decision = Decide(Evaluate(CourseRecommendation.Discharge), course, At(Now), Protocol);

        var evaluated = Assert.IsType<CourseEvaluated>(decision.Events[0]);
        Assert.Equal(CourseResponse.Remitter, evaluated.Response);
        Assert.Equal(6, evaluated.DosingSessions);
        var completed = Assert.IsType<CourseOutcomeCompleted>(decision.Events[1]);
        Assert.Equal(Protocol.Version, completed.ProtocolVersion);
        var contract = Assert.IsType<CourseCompleted>(Published(completed));
        Assert.Equal(CourseResponse.Remitter, contract.Response);
        Assert.Equal(PatientId, contract.PatientId);
        Assert.True(Apply(course, decision).IsCompleted);
    }

    [Fact]
    public void Evaluation_before_the_induction_series_is_refused()
    {
        var course = Measure(WithDoses(Open(), 5), Phq9(4, FirstDose.AddDays(14)));

        var decision = Decide(Evaluate(CourseRecommendation.Maintenance), course, At(Now), Protocol);

        Assert.Equal(RuleIds.EvaluationBeforeInduction, decision.Rejection?.RuleId);
    }

    [Fact]
    public void Esketamine_induction_is_twelve_sessions_from_the_shared_clinic_protocol()
    {
        Assert.Equal(12, Clinic.InductionSessionsFor(TreatmentRoute.EsketamineNasalSpray));
        var opened = Open(route: TreatmentRoute.EsketamineNasalSpray);
        var later = At(FirstDose.AddDays(45));

        var afterEight = Measure(WithDoses(opened, 8), Phq9(4, FirstDose.AddDays(40)));
        var afterTwelve = Measure(WithDoses(opened, 12), Phq9(4, FirstDose.AddDays(40)));

        Assert.Equal(
            RuleIds.EvaluationBeforeInduction,
            Decide(Evaluate(CourseRecommendation.Discharge), afterEight, later, Protocol).Rejection?.RuleId);
        Assert.False(Decide(Evaluate(CourseRecommendation.Discharge), afterTwelve, later, Protocol).IsRejected);
    }

    [Fact]
    public void Stop_may_end_a_course_early_and_without_post_dose_data_it_is_not_evaluable_not_a_non_responder()
    {
        var course = WithDoses(Open(), 2);

        var decision = Decide(Evaluate(CourseRecommendation.Stop), course, At(Now), Protocol);

        Assert.Equal(CourseResponse.NotEvaluable, Assert.IsType<CourseEvaluated>(decision.Events[0]).Response);
        Assert.Equal(CourseResponse.NotEvaluable, Assert.IsType<CourseOutcomeCompleted>(decision.Events[1]).Response);
    }

    [Fact]
    public void Evaluation_without_outcome_data_is_refused()
    {
        var decision = Decide(Evaluate(CourseRecommendation.Discharge), WithDoses(Open(), 6), At(Now), Protocol);

        Assert.Equal(RuleIds.EvaluationWithoutOutcomeData, decision.Rejection?.RuleId);
    }

    [Fact]
    public void Maintenance_under_an_active_hold_is_refused()
    {
        var course = Measure(WithDoses(Open(), 6), Phq9(8, FirstDose.AddDays(20)));
        course = Apply(course, Decide(AdverseEvent(AdverseEventSeverity.Serious, FirstDose.AddDays(20)), course, At(Now), Protocol));

        Assert.Equal(
            RuleIds.MaintenanceUnderHold,
            Decide(Evaluate(CourseRecommendation.Maintenance), course, At(Now), Protocol).Rejection?.RuleId);
        Assert.False(Decide(Evaluate(CourseRecommendation.Stop), course, At(Now), Protocol).IsRejected);
    }

    [Fact]
    public void A_completed_course_refuses_a_second_evaluation_and_new_integration_sessions_but_still_records_safety_events()
    {
        var course = Measure(WithDoses(Open(phq9Baseline: 20), 6), Phq9(12, FirstDose.AddDays(20)));
        course = Apply(course, Decide(Evaluate(CourseRecommendation.Maintenance), course, At(Now), Protocol));
        Assert.Equal(CourseResponse.NonResponder, course.Evaluation!.Response);

        Assert.Equal(
            RuleIds.CourseCompleted,
            Decide(Evaluate(CourseRecommendation.Stop), course, At(Now), Protocol).Rejection?.RuleId);
        Assert.Equal(
            RuleIds.CourseCompleted,
            Decide(new HoldIntegrationSession(CourseId, Guid.NewGuid(), null, Clinician, Now, [], null), course, At(Now), Protocol).Rejection?.RuleId);
        Assert.Single(Decide(AdverseEvent(AdverseEventSeverity.Serious, Now), course, At(Now), Protocol).Events.OfType<HoldPlaced>());
        Assert.Single(Decide(Cssrs("high", Now), course, At(Now), Protocol).Events.OfType<HoldPlaced>());
    }
}
