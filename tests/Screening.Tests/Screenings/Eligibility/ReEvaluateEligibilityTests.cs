namespace Screening.Tests.Screenings.Eligibility;

public class ReEvaluateEligibilityTests
{
    private static ReferScreening Referral => new(
        Given.ScreeningId, Given.PatientId, "EXT-9", "Dr Referrer", Indication.TreatmentResistantDepression,
        TreatmentRoute.IvKetamine, Given.Patient(), Given.System);

    private static ScreeningCase Run(ScreeningCase? state, Platform.Commands.Decision decision)
    {
        Assert.False(decision.IsRejected, decision.Rejection?.Detail);
        return decision.Events.Aggregate(state, ScreeningCase.Evolve)!;
    }

    private static ScreeningCase WithCurrentEvaluation(ScreeningCase state) =>
        state.Then([state.Evaluate().ToEvent(state.Id, Given.Now)]);

    [Fact]
    public void The_whole_intake_through_decide_functions_reaches_awaiting_sign_off_and_eligible()
    {
        var state = Run(null, ReferScreening.Decide(Referral, null, Given.Clock, Given.Protocol));
        state = Run(state, IntakeFact.Decide(new RecordMedicalHistory(Given.SafeMedicalHistory, Given.Intake), state, Given.Clock, Given.Protocol));
        state = Run(state, IntakeFact.Decide(new RecordPsychiatricHistory(Given.SafePsychiatricHistory, Given.Intake), state, Given.Clock, Given.Protocol));
        state = Run(state, IntakeFact.Decide(new RecordMedications([], Given.Intake), state, Given.Clock, Given.Protocol));
        state = Run(state, IntakeFact.Decide(new RecordPriorTreatments(Given.TreatmentResistantHistory, Given.Intake), state, Given.Clock, Given.Protocol));
        state = Run(state, IntakeFact.Decide(new RecordVitals(Given.NormalVitals, Given.Intake), state, Given.Clock, Given.Protocol));
        state = Run(state, AdministerInstrument.Decide(new AdministerInstrument(InstrumentCode.CssrsScreener, [0, 0, 0, 0, 0, 0], null, Given.Intake), state, Given.Clock, Given.Protocol));
        Assert.Equal(ScreeningStatus.InProgress, state.Status);

        state = Run(state, AdministerInstrument.Decide(new AdministerInstrument(InstrumentCode.Phq9, [3, 3, 3, 3, 3, 3, 3, 3, 3], null, Given.Intake), state, Given.Clock, Given.Protocol));

        Assert.Equal(ScreeningStatus.AwaitingSignOff, state.Status);
        Assert.Equal(EligibilityOutcome.Eligible, state.LastEvaluation!.Outcome);
    }

    [Fact]
    public void Re_evaluation_without_changes_appends_nothing()
    {
        var state = WithCurrentEvaluation(Given.SafeCase());

        Assert.Empty(ReEvaluateEligibility.Decide(new ReEvaluateEligibility(), state, Given.Clock, Given.Protocol).Events);
        Assert.Single(ReEvaluateEligibility.Decide(new ReEvaluateEligibility(), state, Given.Clock, new ScreeningProtocol { Version = "2026.2" }).Events);
    }
}
