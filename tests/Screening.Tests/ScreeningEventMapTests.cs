using System.Text.Json;
using JasperFx.Events;
using Screening.Api.Queries;

namespace Screening.Tests;

public sealed class ScreeningEventMapTests
{
    private static readonly ScreeningEventMap Map = new();

    [Fact]
    public void An_approval_becomes_PatientApprovedForTreatment_without_phi()
    {
        var courseId = Guid.NewGuid();
        var decision = ApproveScreening.Decide(new ApproveScreening(courseId, Given.Prescriber, null), Given.SafeCase(), Given.Clock, Given.Protocol);
        var approved = Assert.IsType<ScreeningApproved>(decision.Events[^1]);

        var contract = Assert.IsType<PatientApprovedForTreatment>(Map.ToContract(new Event<ScreeningApproved>(approved)));

        Assert.Equal(courseId, contract.CourseId);
        Assert.Equal(Given.PatientId, contract.PatientId);
        Assert.Equal(approved.ValidUntil, contract.ApprovalValidUntil);
        var json = JsonSerializer.Serialize(contract);
        Assert.DoesNotContain("Alex Example", json, StringComparison.Ordinal);
        Assert.DoesNotContain("1985", json, StringComparison.Ordinal);
        Assert.DoesNotContain("example.org", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_decline_becomes_the_ScreeningDeclined_contract()
    {
        var declined = new Screening.Api.Screenings.ScreeningDeclined(
            Given.ScreeningId, Given.PatientId, Given.Prescriber, "Psychotherapy first", ["SCR-NO-PRIOR-PSYCHOTHERAPY"], Given.Now, "2026.1");

        var contract = Assert.IsType<Platform.Contracts.ScreeningDeclined>(
            Map.ToContract(new Event<Screening.Api.Screenings.ScreeningDeclined>(declined)));

        Assert.Equal(["SCR-NO-PRIOR-PSYCHOTHERAPY"], contract.RuleIds);
    }

    [Fact]
    public void Events_with_phi_or_intake_detail_stay_private()
    {
        Assert.Null(Map.ToContract(new Event<ScreeningReferred>(Given.Referred())));
    }

    [Fact]
    public void The_analyst_table_keeps_months_not_dates() =>
        Assert.Equal(new DateOnly(2026, 3, 1), ScreeningDecisionsProjection.MonthOf(Given.Now));
}
