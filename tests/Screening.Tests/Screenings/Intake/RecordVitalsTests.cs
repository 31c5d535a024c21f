namespace Screening.Tests.Screenings.Intake;

public class RecordVitalsTests
{
    private static string[] Fields(FieldErrors errors) => errors.ToDictionary().Keys.Order(StringComparer.Ordinal).ToArray();

    [Theory]
    [InlineData(49, 40, 70, 70, "systolic")]
    [InlineData(400, 80, 70, 70, "systolic")]
    [InlineData(120, 19, 70, 70, "diastolic")]
    [InlineData(250, 201, 70, 70, "diastolic")]
    [InlineData(120, 80, 19, 70, "heartRate")]
    [InlineData(120, 80, 251, 70, "heartRate")]
    [InlineData(120, 80, 70, 19, "weightKg")]
    [InlineData(120, 80, 70, 401, "weightKg")]
    [InlineData(80, 90, 70, 70, "diastolic")]
    public void Impossible_vitals_name_the_field(int systolic, int diastolic, int heartRate, int weightKg, string field)
    {
        var vitals = new Vitals(systolic, diastolic, heartRate, weightKg, Given.Now);

        Assert.Equal([field], Fields((new RecordVitals(vitals, Given.Intake)).Validate(Given.Clock)));
    }

    [Fact]
    public void Plausible_vitals_pass() =>
        Assert.False((new RecordVitals(Given.NormalVitals, Given.Intake)).Validate(Given.Clock).Any);

    [Fact]
    public void Vitals_in_the_future_are_rejected() =>
        Assert.Equal(["takenAt"], Fields((new RecordVitals(Given.NormalVitals with { TakenAt = Given.Now.AddHours(1) }, Given.Intake)).Validate(Given.Clock)));
}
