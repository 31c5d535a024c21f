using Microsoft.Extensions.Configuration;
using Platform.Commands;

namespace Integration.Tests;

public class IntegrationProtocolTests
{
    [Fact]
    public void Protocol_defaults_are_valid_and_bind_from_configuration()
    {
        Assert.False(IntegrationProtocol.Default.Validate().Any);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> {
                ["IntegrationProtocol:Version"] = "clinic-b-v2",
                ["IntegrationProtocol:Phq9WorseningPoints"] = "4",
                ["Clinic:IntegrationWindowHours"] = "48",
                ["Clinic:KetamineAssistedPsychotherapyInductionSessions"] = "3",
            })
            .Build();

        var bound = configuration.GetSection(IntegrationProtocol.SectionName).Get<IntegrationProtocol>()!;
        var clinic = configuration.GetSection(ClinicalProtocol.SectionName).Get<ClinicalProtocol>()!;

        Assert.Equal("IntegrationProtocol", IntegrationProtocol.SectionName);
        Assert.Equal("clinic-b-v2", bound.Version);
        Assert.Equal(4, bound.Phq9WorseningPoints);
        Assert.Equal(50, bound.ResponseDropPercent);
        Assert.Equal(TimeSpan.FromHours(48), clinic.IntegrationWindow);
        Assert.Equal(3, clinic.InductionSessionsFor(TreatmentRoute.KetamineAssistedPsychotherapy));
        Assert.Equal(6, clinic.InductionSessionsFor(TreatmentRoute.IvKetamine));
    }

    [Fact]
    public void Protocol_with_an_impossible_threshold_is_invalid()
    {
        Assert.Contains("ResponseDropPercent", (IntegrationProtocol.Default with { ResponseDropPercent = 0 }).Validate().ToDictionary().Keys);
    }

    [Fact]
    public void An_invalid_IntegrationProtocol_setting_is_refused_naming_the_setting()
    {
        var invalid = IntegrationProtocol.Default with { FourWeekCheckDay = 0 };

        var refused = Assert.Throws<InvalidOperationException>(() => ProtocolConfiguration.ThrowIfInvalid(invalid, IntegrationProtocol.SectionName));

        Assert.Contains("IntegrationProtocol:FourWeekCheckDay", refused.Message, StringComparison.Ordinal);
    }
}
