using Screening.Api;
using Platform.Contracts;
using Platform.Instruments;
using Screening.Api.Screenings;
using Screening.Api.Screenings.Eligibility;

namespace Screening.Tests.Decisions;

public class IntakeTests
{
    private static ReferScreening Referral => new(
        Given.ScreeningId, Given.PatientId, "EXT-9", "Dr Referrer", Indication.TreatmentResistantDepression,
        TreatmentRoute.IvKetamine, Given.Patient(), Given.System);

    [Fact]
    public void Referral_starts_the_case_with_an_incomplete_evaluation()
    {
        var decision = ReferScreening.Decide(Referral, null, Given.Clock, Given.Protocol);

        Assert.IsType<ScreeningReferred>(decision.Events[0]);
        var evaluated = Assert.IsType<EligibilityEvaluated>(decision.Events[1]);
        Assert.Equal(EligibilityOutcome.NeedsReview, evaluated.Outcome);
        Assert.Equal(RuleIds.Incomplete, Assert.Single(evaluated.Reasons, r => r.Outcome != EligibilityOutcome.Eligible).RuleId);
        Assert.Equal(ScreeningStatus.Referred, Given.Fold(decision.Events).Status);
    }

    [Fact]
    public void A_second_referral_with_the_same_id_is_rejected() =>
        Assert.Equal(RuleIds.CaseExists, ReferScreening.Decide(Referral, Given.ReferredOnly(), Given.Clock, Given.Protocol).Rejection?.RuleId);

    [Fact]
    public void The_whole_intake_through_decide_functions_reaches_awaiting_sign_off_and_eligible()
    {
        var state = Run(null, ReferScreening.Decide(Referral, null, Given.Clock, Given.Protocol));
        state = Run(state, RecordMedicalHistory.Decide(new RecordMedicalHistory(Given.SafeMedicalHistory, Given.Intake), state, Given.Clock, Given.Protocol));
        state = Run(state, RecordPsychiatricHistory.Decide(new RecordPsychiatricHistory(Given.SafePsychiatricHistory, Given.Intake), state, Given.Clock, Given.Protocol));
        state = Run(state, RecordMedications.Decide(new RecordMedications([], Given.Intake), state, Given.Clock, Given.Protocol));
        state = Run(state, RecordPriorTreatments.Decide(new RecordPriorTreatments(Given.TreatmentResistantHistory, Given.Intake), state, Given.Clock, Given.Protocol));
        state = Run(state, RecordVitals.Decide(new RecordVitals(Given.NormalVitals, Given.Intake), state, Given.Clock, Given.Protocol));
        state = Run(state, AdministerInstrument.Decide(new AdministerInstrument(InstrumentCode.CssrsScreener, [0, 0, 0, 0, 0, 0], null, Given.Intake), state, Given.Clock, Given.Protocol));
        Assert.Equal(ScreeningStatus.InProgress, state.Status);

        state = Run(state, AdministerInstrument.Decide(new AdministerInstrument(InstrumentCode.Phq9, [3, 3, 3, 3, 3, 3, 3, 3, 3], null, Given.Intake), state, Given.Clock, Given.Protocol));

        Assert.Equal(ScreeningStatus.AwaitingSignOff, state.Status);
        Assert.Equal(EligibilityOutcome.Eligible, state.LastEvaluation!.Outcome);
    }

    [Fact]
    public void A_fact_change_appends_an_evaluation_only_when_the_result_changes()
    {
        var state = WithCurrentEvaluation(Given.SafeCase());

        var same = RecordVitals.Decide(new RecordVitals(Given.NormalVitals with { HeartRate = 72 }, Given.Intake), state, Given.Clock, Given.Protocol);
        var raised = RecordVitals.Decide(new RecordVitals(Given.NormalVitals with { Systolic = 170 }, Given.Intake), state, Given.Clock, Given.Protocol);

        // Heart rate is not a fact any rule uses: nothing to re-record.
        Assert.IsType<VitalsRecorded>(Assert.Single(same.Events));
        Assert.Equal(EligibilityOutcome.Ineligible, Assert.IsType<EligibilityEvaluated>(raised.Events[1]).Outcome);
    }

    [Fact]
    public void Later_facts_replace_earlier_ones()
    {
        var state = Given.SafeCase().Then(
        [
            new MedicalHistoryRecorded(Given.ScreeningId, Given.SafeMedicalHistory with { Pregnant = true }, Given.Intake, Given.Now),
            new MedicalHistoryRecorded(Given.ScreeningId, Given.SafeMedicalHistory, Given.Intake, Given.Now),
        ]);

        Assert.False(state.MedicalHistory!.Pregnant);
        Assert.Equal(EligibilityOutcome.Eligible, state.Evaluate().Outcome);
    }

    [Fact]
    public void Instruments_are_scored_by_the_service()
    {
        var decision = AdministerInstrument.Decide(
            new AdministerInstrument(InstrumentCode.Phq9, [3, 3, 3, 3, 3, 3, 2, 0, 0], Given.Now.AddHours(-1), Given.Intake),
            Given.ReferredOnly(), Given.Clock, Given.Protocol);

        var administered = Assert.IsType<InstrumentAdministered>(decision.Events[0]);
        Assert.Equal(20, administered.Total);
        Assert.Equal("severe", administered.Band);
        Assert.Equal("44261-6", administered.LoincCode);
        Assert.Equal(Given.Now.AddHours(-1), administered.AdministeredAt);
    }

    [Fact]
    public void Bad_item_answers_are_rejected_naming_the_item()
    {
        var errors = (new AdministerInstrument(InstrumentCode.Gad7, [0, 0, 0, 4, 0, 0, 0], null, Given.Intake)).Validate(Given.Clock, Given.Protocol);

        Assert.Equal(["must be between 0 and 3"], errors.ToDictionary()["items[3]"]);
    }

    [Theory]
    [InlineData(-1, SuicideRiskLevel.High)]
    [InlineData(-4, SuicideRiskLevel.Moderate)]
    public void Cssrs_behaviour_date_is_compared_with_the_protocol_window(int monthsAgo, SuicideRiskLevel expected)
    {
        var decision = AdministerInstrument.Decide(
            new AdministerInstrument(InstrumentCode.CssrsScreener, [0, 0, 0, 0, 0, 1], null, Given.Intake, SuicidalBehaviourLastOn: Given.Today.AddMonths(monthsAgo)),
            Given.ReferredOnly(), Given.Clock, Given.Protocol);

        Assert.Equal(expected, Assert.IsType<InstrumentAdministered>(decision.Events[0]).RiskLevel);
    }

    [Fact]
    public void High_risk_at_intake_raises_the_flag_in_the_recorded_evaluation()
    {
        var state = WithCurrentEvaluation(Given.SafeCase());

        var decision = AdministerInstrument.Decide(
            new AdministerInstrument(InstrumentCode.CssrsScreener, [1, 1, 1, 1, 1, 0], null, Given.Intake), state, Given.Clock, Given.Protocol);

        var evaluated = Assert.IsType<EligibilityEvaluated>(decision.Events[1]);
        Assert.Equal([EligibilityFlag.HighSuicideRisk], evaluated.Flags);
    }

    [Fact]
    public void Re_evaluation_without_changes_appends_nothing()
    {
        var state = WithCurrentEvaluation(Given.SafeCase());

        Assert.Empty(ReEvaluateEligibility.Decide(new ReEvaluateEligibility(), state, Given.Clock, Given.Protocol).Events);
        Assert.Single(ReEvaluateEligibility.Decide(new ReEvaluateEligibility(), state, Given.Clock, new ScreeningProtocol { Version = "2026.2" }).Events);
    }

    private static ScreeningCase Run(ScreeningCase? state, Platform.ServiceDefaults.Domain.Decision decision)
    {
        Assert.False(decision.IsRejected, decision.Rejection?.Detail);
        return decision.Events.Aggregate(state, ScreeningCase.Evolve)!;
    }

    private static ScreeningCase WithCurrentEvaluation(ScreeningCase state) =>
        state.Then([state.Evaluate().ToEvent(state.Id, Given.Now)]);
}
