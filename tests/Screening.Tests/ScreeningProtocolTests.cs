using Platform.Commands;

namespace Screening.Tests;

public class ScreeningProtocolTests
{
    [Fact]
    public void The_defaults_are_valid() => Assert.False(ScreeningProtocol.Default.Validate().Any);

    [Fact]
    public void An_invalid_setting_refuses_start_up_naming_the_setting()
    {
        var protocol = ScreeningProtocol.Default with { ApprovalValidityDays = 0 };

        var refusal = Assert.Throws<InvalidOperationException>(() => ProtocolConfiguration.ThrowIfInvalid(protocol, ScreeningProtocol.SectionName));

        Assert.Contains("ScreeningProtocol:ApprovalValidityDays", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ineligible_blood_pressure_cannot_be_below_the_clearance_threshold() =>
        Assert.Contains(
            nameof(ScreeningProtocol.BpIneligibleSystolic),
            (ScreeningProtocol.Default with { BpIneligibleSystolic = 130 }).Validate().ToDictionary().Keys);
}
