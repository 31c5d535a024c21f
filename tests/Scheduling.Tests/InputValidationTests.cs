using Platform.Contracts;
using Scheduling.Api.Domain;
using static Scheduling.Tests.Given;

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
        var errors = InputValidation.Vitals(new VitalsReading(systolic, diastolic, heartRate, Now), Now).ToDictionary();
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void Plausible_vitals_pass()
    {
        Assert.False(InputValidation.Vitals(new VitalsReading(50, 20, 20, Now), Now).Any);
        Assert.False(InputValidation.Vitals(new VitalsReading(300, 200, 250, Now), Now).Any);
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
        Assert.Equal(!valid, InputValidation.Dose(mg, route, Protocol).Any);

    [Fact]
    public void Block_ending_before_it_starts_is_a_field_error()
    {
        Assert.Contains("end", InputValidation.Block(Now, Now.AddMinutes(-1)).ToDictionary().Keys);
        Assert.Contains("end", InputValidation.Block(Now, Now).ToDictionary().Keys);
        Assert.False(InputValidation.Block(Now, Now.AddHours(2)).Any);
    }

    [Fact]
    public void Cadss_needs_six_answers_from_0_to_4()
    {
        Assert.True(InputValidation.Cadss([1, 2, 3]).Any);
        Assert.Contains("items[2]", InputValidation.Cadss([0, 0, 5, 0, 0, 0]).ToDictionary().Keys);
        Assert.False(InputValidation.Cadss([4, 4, 4, 4, 4, 4]).Any);
    }

    [Fact]
    public void Medical_professional_needs_a_medical_kind_and_time_zone_must_exist()
    {
        var noKind = Medical() with { MedicalKind = null };
        Assert.Contains("medicalKind", InputValidation.StaffMember(noKind).ToDictionary().Keys);
        Assert.True(InputValidation.TimeZone("Mars/Olympus").Any);
        Assert.False(InputValidation.TimeZone(Protocol.Clinic.TimeZoneId).Any);
    }

    [Fact]
    public void Free_slot_search_range_is_bounded()
    {
        Assert.Contains("to", InputValidation.FreeSlotSearch(Now, Now.AddDays(90), 120, 15).ToDictionary().Keys);
        Assert.False(InputValidation.FreeSlotSearch(Now, Now.AddDays(31), 120, 15).Any);
    }
}
