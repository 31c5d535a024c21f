namespace Screening.Tests.Screenings.Intake;

public class RecordPriorTreatmentsTests
{
    private static string[] Fields(FieldErrors errors) => errors.ToDictionary().Keys.Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Prior_treatment_ranges_are_checked()
    {
        var treatments = new PriorTreatments(
            [new("sertraline", true, 521, 101), new("", true, -1, -5)],
            [new("CBT", -1)]);

        var fields = Fields(new RecordPriorTreatments(treatments, Given.Intake).Validate(Given.Clock));

        Assert.Equal(
            [
                "antidepressantTrials[0].improvementPercent", "antidepressantTrials[0].weeks",
                "antidepressantTrials[1].drug", "antidepressantTrials[1].improvementPercent", "antidepressantTrials[1].weeks",
                "psychotherapy[0].sessions",
            ],
            fields);
    }
}
