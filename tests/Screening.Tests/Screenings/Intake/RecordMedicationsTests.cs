namespace Screening.Tests.Screenings.Intake;

public class RecordMedicationsTests
{
    private static string[] Fields(FieldErrors errors) => errors.ToDictionary().Keys.Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void A_benzodiazepine_needs_its_diazepam_equivalent()
    {
        var command = new RecordMedications([new(MedicationClass.Benzodiazepine, "alprazolam", 1m, null)], Given.Intake);

        Assert.Equal(["medications[0].diazepamEquivalentMgPerDay"], Fields(command.Validate(Given.Clock)));
    }

    [Fact]
    public void Unknown_enum_values_are_rejected()
    {
        var command = new RecordMedications([new((MedicationClass)99, "x", null, null)], Given.Intake);

        Assert.Equal(["medications[0].class"], Fields(command.Validate(Given.Clock)));
    }
}
