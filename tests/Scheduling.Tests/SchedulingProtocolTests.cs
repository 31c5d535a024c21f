using Microsoft.Extensions.Configuration;

namespace Scheduling.Tests;

public class SchedulingProtocolTests
{
    [Fact]
    public void Protocol_binds_from_configuration_and_keeps_unset_defaults()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> {
                ["SchedulingProtocol:Version"] = "clinic-7",
                ["SchedulingProtocol:PreDoseMaxSystolic"] = "150",
                ["SchedulingProtocol:IvKetamine:MaxDosingPerRolling7Days"] = "2",
            })
            .Build();

        var protocol = configuration.GetSection(SchedulingProtocol.SectionName).Get<SchedulingProtocol>()!;

        Assert.Equal("clinic-7", protocol.Version);
        Assert.Equal(150, protocol.PreDoseMaxSystolic);
        Assert.Equal(90, protocol.PreDoseMaxDiastolic);
        Assert.Equal(2, protocol.IvKetamine.MaxDosingPerRolling7Days);
        Assert.Equal(6, protocol.Clinic.InductionSessionsFor(TreatmentRoute.IvKetamine));
        Assert.Equal(180, protocol.KetamineAssistedPsychotherapy.DosingBlockMinutes);
        Assert.Equal("America/New_York", protocol.ResolveTimeZone().Id);
    }

    [Fact]
    public void The_default_protocol_is_valid()
    {
        Assert.False(SchedulingProtocol.Default.Validate().Any);
    }

    [Fact]
    public void An_invalid_setting_is_refused_by_name_including_per_route_settings()
    {
        var protocol = SchedulingProtocol.Default with {
            DischargeMinimumMinutesAfterDose = 30,
            EsketamineNasalSpray = SchedulingProtocol.Default.EsketamineNasalSpray with { DosingBlockMinutes = 60 },
        };

        var errors = protocol.Validate().ToDictionary();

        Assert.Equal(["DischargeMinimumMinutesAfterDose", "EsketamineNasalSpray:DosingBlockMinutes"], errors.Keys.Order());
    }
}
