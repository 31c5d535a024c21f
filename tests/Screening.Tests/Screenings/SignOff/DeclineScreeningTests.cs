namespace Screening.Tests.Screenings.SignOff;

public class DeclineScreeningTests
{
    [Fact]
    public void Decline_records_the_reason_and_the_rules_that_fired()
    {
        var state = Given.SafeCase().WithMedical(m => m with { Pregnant = true });

        var decision = DeclineScreening.Decide(new DeclineScreening(Given.Prescriber, "Pregnant; revisit postpartum."), state, Given.Clock, Given.Protocol);

        var declined = Assert.IsType<ScreeningDeclined>(decision.Events[^1]);
        Assert.Equal("Pregnant; revisit postpartum.", declined.Reason);
        Assert.Equal([RuleIds.Pregnancy], declined.RuleIds);
        Assert.Equal("2026.1", declined.ProtocolVersion);
    }

    [Fact]
    public void Decline_needs_a_reason()
    {
        var errors = new DeclineScreening(Given.Prescriber, "").Validate();

        Assert.Equal(["reason"], errors.ToDictionary().Keys);
    }
}
