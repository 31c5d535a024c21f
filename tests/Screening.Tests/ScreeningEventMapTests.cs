using System.Text.Json;
using JasperFx.Events;
using Microsoft.Extensions.Configuration;
using Platform.Messaging;
using Platform.Testing;
using Screening.Api.Queries;

namespace Screening.Tests;

public sealed class ScreeningEventMapTests
{
    private static readonly ScreeningEventMap Map = MapPublishing(null);

    /// <summary>The map with <c>Messaging:Publish:PatientApprovedForTreatment</c> set to <paramref name="setting"/> (null: unset).</summary>
    private static ScreeningEventMap MapPublishing(string? setting) =>
        new(ScreeningEventMap.ApprovalVersions(new ConfigurationBuilder()
            .AddInMemoryCollection(setting is null ? [] : [new("Messaging:Publish:PatientApprovedForTreatment", setting)])
            .Build()));

    private static ScreeningApproved Approved(Guid courseId)
    {
        var decision = ApproveScreening.Decide(new ApproveScreening(courseId, Given.Prescriber, null), Given.SafeCase(), Given.Clock, Given.Protocol);
        return Assert.IsType<ScreeningApproved>(decision.Events[^1]);
    }

    [Fact]
    public void An_approval_becomes_PatientApprovedForTreatment_v1_and_v2_without_phi()
    {
        var courseId = Guid.NewGuid();
        var approved = Approved(courseId);

        var contracts = Map.ToContracts(new Event<ScreeningApproved>(approved));

        // By default this release publishes both, v1 first: nodes of the previous release consume v1 only.
        Assert.Collection(contracts, c => Assert.IsType<PatientApprovedForTreatment>(c), c => Assert.IsType<PatientApprovedForTreatmentV2>(c));
        var v1 = (PatientApprovedForTreatment)contracts[0];
        Assert.Equal(courseId, v1.CourseId);
        Assert.Equal(Given.PatientId, v1.PatientId);
        Assert.Equal(approved.ValidUntil, v1.ApprovalValidUntil);
        foreach (var contract in contracts)
        {
            var json = JsonSerializer.Serialize(contract);
            Assert.DoesNotContain("Alex Example", json, StringComparison.Ordinal);
            PhiAssert.NotOutsideKeys("1985", json);
            Assert.DoesNotContain("example.org", json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_v2_approval_carries_the_weight_in_UCUM_and_the_LOINC_code_of_scores_that_have_a_certain_one()
    {
        var approved = Approved(Guid.NewGuid()) with {
            WeightKg = 72.5m,
            BaselineScores = [new(InstrumentCode.Phq9, 20, "severe", Given.Now), new(InstrumentCode.CssrsScreener, 0, "none", Given.Now)],
        };

        var v2 = Assert.IsType<PatientApprovedForTreatmentV2>(
            Assert.Single(MapPublishing("v2").ToContracts(new Event<ScreeningApproved>(approved))));

        Assert.Equal(new UcumQuantity(72.5m, "kg"), v2.Weight);
        // PHQ-9's total is LOINC 44261-6; C-SSRS's LOINC code names a risk, not the count recorded, so it has none.
        Assert.Equal(["44261-6", null], v2.BaselineScores.Select(s => s.LoincCode));
        Assert.Equal(approved.CourseId, v2.CourseId);
        Assert.Equal(approved.ValidUntil, v2.ApprovalValidUntil);
    }

    [Theory]
    [InlineData("v1", new[] { typeof(PatientApprovedForTreatment) })]
    [InlineData("v2", new[] { typeof(PatientApprovedForTreatmentV2) })]
    [InlineData("v1,v2", new[] { typeof(PatientApprovedForTreatment), typeof(PatientApprovedForTreatmentV2) })]
    [InlineData(" v2 , v1 ", new[] { typeof(PatientApprovedForTreatment), typeof(PatientApprovedForTreatmentV2) })]
    public void The_approval_versions_published_follow_the_setting(string setting, Type[] published) =>
        Assert.Equal(published, MapPublishing(setting).ToContracts(new Event<ScreeningApproved>(Approved(Guid.NewGuid()))).Select(c => c.GetType()));

    [Theory]
    [InlineData("v3")]
    [InlineData("V2")]
    [InlineData("v1,v3")]
    [InlineData("")]
    [InlineData(" , ")]
    public void An_unknown_approval_version_setting_is_refused(string setting)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => MapPublishing(setting));

        Assert.Contains("Messaging:Publish:PatientApprovedForTreatment", refused.Message, StringComparison.Ordinal);
        Assert.Contains("v1, v2", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_decline_becomes_the_ScreeningDeclined_contract()
    {
        var declined = new Screening.Api.Screenings.ScreeningDeclined(
            Given.ScreeningId, Given.PatientId, Given.Prescriber, "Psychotherapy first", ["SCR-NO-PRIOR-PSYCHOTHERAPY"], Given.Now, "2026.1");

        var contract = Assert.IsType<Platform.Contracts.ScreeningDeclined>(
            Assert.Single(Map.ToContracts(new Event<Screening.Api.Screenings.ScreeningDeclined>(declined))));

        Assert.Equal(["SCR-NO-PRIOR-PSYCHOTHERAPY"], contract.RuleIds);
    }

    [Fact]
    public void Events_with_phi_or_intake_detail_stay_private()
    {
        Assert.Empty(Map.ToContracts(new Event<ScreeningReferred>(Given.Referred())));
    }

    [Fact]
    public void The_analyst_table_keeps_months_not_dates() =>
        Assert.Equal(new DateOnly(2026, 3, 1), ScreeningDecisionsProjection.MonthOf(Given.Now));
}
