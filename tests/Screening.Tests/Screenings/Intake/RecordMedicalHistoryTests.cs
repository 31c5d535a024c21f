namespace Screening.Tests.Screenings.Intake;

public class RecordMedicalHistoryTests
{
    private static string[] Fields(FieldErrors errors) => errors.ToDictionary().Keys.Order(StringComparer.Ordinal).ToArray();

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
    public void Future_history_dates_are_rejected()
    {
        var tomorrow = Given.Today.AddDays(1);
        var medical = Given.SafeMedicalHistory with { CardiovascularEvents = [new(CardiovascularEventKind.MyocardialInfarction, tomorrow, true)] };
        var psychiatric = Given.SafePsychiatricHistory with { KetamineOrPcpMisuseLastOn = tomorrow, SubstanceLastUsedOn = tomorrow };

        Assert.Equal(["cardiovascularEvents[0].occurredOn"], Fields(new RecordMedicalHistory(medical, Given.Intake).Validate(Given.Clock)));
        Assert.Equal(["ketamineOrPcpMisuseLastOn", "substanceLastUsedOn"], Fields(new RecordPsychiatricHistory(psychiatric, Given.Intake).Validate(Given.Clock)));
    }
}
