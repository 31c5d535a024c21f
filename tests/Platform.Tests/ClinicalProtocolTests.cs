using Platform.Commands;
using Platform.Contracts;

namespace Platform.Tests;

public class ClinicalProtocolTests
{
    [Fact]
    public void The_defaults_are_valid_and_esketamine_induction_is_twelve_sessions()
    {
        Assert.False(ClinicalProtocol.Default.Validate().Any);
        Assert.Equal(12, ClinicalProtocol.Default.InductionSessionsFor(TreatmentRoute.EsketamineNasalSpray));
        Assert.Equal(6, ClinicalProtocol.Default.InductionSessionsFor(TreatmentRoute.IvKetamine));
    }

    [Fact]
    public void A_bad_setting_stops_the_start_up_naming_section_and_setting()
    {
        var protocol = ClinicalProtocol.Default with { IntegrationWindowHours = 0, TimeZoneId = "Nowhere/Land" };

        var error = Assert.Throws<InvalidOperationException>(() => ProtocolConfiguration.ThrowIfInvalid(protocol, ClinicalProtocol.SectionName));

        Assert.Contains("Clinic:IntegrationWindowHours", error.Message, StringComparison.Ordinal);
        Assert.Contains("Clinic:TimeZoneId", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(130, 80, 169, 80, false)]
    [InlineData(130, 80, 170, 80, true)]
    [InlineData(130, 80, 130, 105, true)]
    public void A_blood_pressure_rise_is_judged_against_the_pre_dose_reading(int preSys, int preDia, int sys, int dia, bool rise) =>
        Assert.Equal(rise, ClinicalProtocol.Default.IsBloodPressureRise(preSys, preDia, sys, dia));
}
