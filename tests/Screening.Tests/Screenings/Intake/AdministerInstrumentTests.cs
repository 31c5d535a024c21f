namespace Screening.Tests.Screenings.Intake;

public class AdministerInstrumentTests
{
    private static ScreeningCase WithCurrentEvaluation(ScreeningCase state) =>
        state.Then([state.Evaluate().ToEvent(state.Id, Given.Now)]);

    private static string[] Fields(FieldErrors errors) => errors.ToDictionary().Keys.Order(StringComparer.Ordinal).ToArray();

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
    public void Instrument_errors_name_the_item_and_the_count()
    {
        var wrongCount = new AdministerInstrument(InstrumentCode.Pcl5, [1, 2, 3], null, Given.Intake);
        var future = new AdministerInstrument(InstrumentCode.Phq9, new int[9], Given.Now.AddDays(1), Given.Intake);

        var countErrors = wrongCount.Validate(Given.Clock, ScreeningProtocol.Default).ToDictionary();

        Assert.Equal(["PCL-5 needs 20 items, got 3"], countErrors["items"]);
        Assert.Equal(["administeredAt"], Fields(future.Validate(Given.Clock, ScreeningProtocol.Default)));
    }
}
