namespace Screening.Tests.Screenings.Intake;

/// <summary>The path the five intake facts share: refuse an unknown or closed screening, record, re-evaluate.</summary>
public class IntakeFactTests
{
    private static ScreeningCase WithCurrentEvaluation(ScreeningCase state) =>
        state.Then([state.Evaluate().ToEvent(state.Id, Given.Now)]);

    [Fact]
    public void A_fact_change_appends_an_evaluation_only_when_the_result_changes()
    {
        var state = WithCurrentEvaluation(Given.SafeCase());

        var same = IntakeFact.Decide(new RecordVitals(Given.NormalVitals with { HeartRate = 72 }, Given.Intake), state, Given.Clock, Given.Protocol);
        var raised = IntakeFact.Decide(new RecordVitals(Given.NormalVitals with { Systolic = 170 }, Given.Intake), state, Given.Clock, Given.Protocol);

        // Heart rate is not a fact any rule uses: nothing to re-record.
        Assert.IsType<VitalsRecorded>(Assert.Single(same.Events));
        Assert.Equal(EligibilityOutcome.Ineligible, Assert.IsType<EligibilityEvaluated>(raised.Events[1]).Outcome);
    }

    [Fact]
    public void A_re_screening_case_is_closed_to_new_facts()
    {
        var flagged = Given.ApprovedCase().Then(
            RequireReScreening.Decide(new RequireReScreening("approval expired"), Given.ApprovedCase(), Given.Clock, Given.Protocol).Events);

        var decision = IntakeFact.Decide(new RecordVitals(Given.NormalVitals, Given.Intake), flagged, Given.Clock, Given.Protocol);

        Assert.Equal(RuleIds.CaseClosed, decision.Rejection?.RuleId);
    }

    [Fact]
    public void An_unknown_screening_is_refused() =>
        Assert.Equal(
            RuleIds.CaseNotFound,
            IntakeFact.Decide(new RecordVitals(Given.NormalVitals, Given.Intake), null, Given.Clock, Given.Protocol).Rejection?.RuleId);

    [Fact]
    public void A_declined_screening_is_closed_to_new_facts()
    {
        var declined = Given.SafeCase().Then(
            DeclineScreening.Decide(new DeclineScreening(Given.Prescriber, "Not a candidate"), Given.SafeCase(), Given.Clock, Given.Protocol).Events);

        var decision = IntakeFact.Decide(new RecordMedications([], Given.Intake), declined, Given.Clock, Given.Protocol);

        Assert.Equal(RuleIds.CaseClosed, decision.Rejection?.RuleId);
    }
}
