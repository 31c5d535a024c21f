namespace Scheduling.Tests;

public class InputValidationTests
{
    [Theory]
    [InlineData(49, 80, 70, "vitals.systolic")]
    [InlineData(301, 80, 70, "vitals.systolic")]
    [InlineData(120, 19, 70, "vitals.diastolic")]
    [InlineData(120, 201, 70, "vitals.diastolic")]
    [InlineData(120, 80, 19, "vitals.heartRate")]
    [InlineData(120, 80, 251, "vitals.heartRate")]
    [InlineData(80, 90, 70, "vitals.diastolic")]
    public void Vitals_outside_physiological_range_name_the_field(int systolic, int diastolic, int heartRate, string field)
    {
        var errors = new FieldErrors().Vitals(new VitalsReading(systolic, diastolic, heartRate, Now), Now, "vitals").ToDictionary();
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void Plausible_vitals_pass()
    {
        Assert.False(new FieldErrors().Vitals(new VitalsReading(50, 20, 20, Now), Now, "vitals").Any);
        Assert.False(new FieldErrors().Vitals(new VitalsReading(300, 200, 250, Now), Now, "vitals").Any);
    }

    [Theory]
    [InlineData(TreatmentRoute.IvKetamine, 0, false)]
    [InlineData(TreatmentRoute.IvKetamine, -5, false)]
    [InlineData(TreatmentRoute.IvKetamine, 35, true)]
    [InlineData(TreatmentRoute.IvKetamine, 350, false)]
    [InlineData(TreatmentRoute.EsketamineNasalSpray, 56, true)]
    [InlineData(TreatmentRoute.EsketamineNasalSpray, 50, false)]
    [InlineData(TreatmentRoute.EsketamineNasalSpray, 112, false)]
    public void Dose_must_be_positive_and_sane_for_the_route(TreatmentRoute route, int mg, bool valid) =>
        Assert.Equal(!valid, new StartDoseRequest(mg).Validate(route, Protocol).Any);

    [Fact]
    public void Block_ending_before_it_starts_is_a_field_error()
    {
        Assert.Contains("end", new FieldErrors().Block(Now, Now.AddMinutes(-1)).ToDictionary().Keys);
        Assert.Contains("end", new FieldErrors().Block(Now, Now).ToDictionary().Keys);
        Assert.False(new FieldErrors().Block(Now, Now.AddHours(2)).Any);
    }

    [Fact]
    public void Cadss_needs_six_answers_from_0_to_4()
    {
        Assert.True(new CadssRequest([1, 2, 3]).Validate().Any);
        Assert.Contains("items[2]", new CadssRequest([0, 0, 5, 0, 0, 0]).Validate().ToDictionary().Keys);
        Assert.False(new CadssRequest([4, 4, 4, 4, 4, 4]).Validate().Any);
    }

    [Fact]
    public void Medical_professional_needs_a_medical_kind()
    {
        var noKind = Medical() with { MedicalKind = null };
        Assert.Contains("medicalKind", new FieldErrors().StaffMember(noKind).ToDictionary().Keys);
        Assert.False(new FieldErrors().StaffMember(Medical()).Any);
    }

    [Fact]
    public void Free_slot_search_range_is_bounded()
    {
        Assert.Contains("to", FreeSlotQuery.Validate(Now, Now.AddDays(90), 120, 15).ToDictionary().Keys);
        Assert.False(FreeSlotQuery.Validate(Now, Now.AddDays(31), 120, 15).Any);
    }
}
