namespace Screening.Tests.Screenings.Intake;

public class RecordPsychiatricHistoryTests
{
    private static string[] Fields(FieldErrors errors) => errors.ToDictionary().Keys.Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void A_substance_use_disorder_names_its_substances() =>
        Assert.Equal(
            ["substances"],
            Fields(new RecordPsychiatricHistory(Given.SafePsychiatricHistory with { SubstanceUseDisorder = true }, Given.Intake).Validate(Given.Clock)));
}
