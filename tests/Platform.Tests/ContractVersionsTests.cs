using System.Reflection;
using MassTransit;
using Platform.Contracts;
using Platform.Instruments;

namespace Platform.Tests;

/// <summary>A v2 beside its v1: the upcast consumers apply to v1, and the family both are deduplicated under.</summary>
public class ContractVersionsTests
{
    private static readonly DateTimeOffset ApprovedAt = new(2026, 3, 2, 15, 30, 0, TimeSpan.Zero);

    private static PatientApprovedForTreatment V1(decimal? weightKg) => new(
        Guid.NewGuid(),
        Guid.NewGuid(),
        Guid.NewGuid(),
        Indication.TreatmentResistantDepression,
        TreatmentRoute.IvKetamine,
        [new ApprovalCondition("SCR-BP-CONTROLLED", "Blood pressure checked before each dose")],
        [new InstrumentScore(InstrumentCode.Phq9, 21, "severe", ApprovedAt.AddDays(-2))],
        weightKg,
        ApprovedAt,
        ApprovedAt.AddDays(90),
        "screening-2026.1");

    [Fact]
    public void A_v1_approval_upcasts_to_v2_with_every_field_and_the_weight_in_kilograms()
    {
        var v1 = V1(82.5m);

        var v2 = PatientApprovedForTreatmentV2.From(v1);

        Assert.Equal(
            new PatientApprovedForTreatmentV2(
                v1.CourseId, v1.PatientId, v1.ScreeningId, v1.Indication, v1.Route, v1.Conditions,
                v2.BaselineScores, new UcumQuantity(82.5m, "kg"), v1.ApprovedAt, v1.ApprovalValidUntil, v1.ProtocolVersion),
            v2);
        // v1 carried no LOINC codes, and the upcast invents none.
        Assert.Equal([new CodedInstrumentScore(InstrumentCode.Phq9, 21, "severe", ApprovedAt.AddDays(-2), null)], v2.BaselineScores);
    }

    [Fact]
    public void A_v1_approval_without_a_weight_upcasts_to_no_weight() =>
        Assert.Null(PatientApprovedForTreatmentV2.From(V1(weightKg: null)).Weight);

    [Fact]
    public void Both_versions_of_the_approval_are_one_family_named_as_v1_was()
    {
        // The name the previous release keyed its processed markers with: they keep deduplicating after the upgrade.
        Assert.Equal("PatientApprovedForTreatment", ContractVersions.FamilyOf(typeof(PatientApprovedForTreatment)));
        Assert.Equal("PatientApprovedForTreatment", ContractVersions.FamilyOf(typeof(PatientApprovedForTreatmentV2)));
        Assert.Equal("SafetyHoldPlaced", ContractVersions.FamilyOf(typeof(SafetyHoldPlaced)));
    }

    [Fact]
    public void A_later_version_keeps_its_first_versions_urn_with_the_next_version_number()
    {
        foreach (var (later, first) in ContractVersions.FirstVersions)
        {
            var laterUrn = later.GetCustomAttribute<MessageUrnAttribute>()!.Urn.ToString();
            var firstUrn = first.GetCustomAttribute<MessageUrnAttribute>()!.Urn.ToString();
            Assert.EndsWith(".v1", firstUrn, StringComparison.Ordinal);
            Assert.Matches(@"\.v[2-9]\d*$", laterUrn);
            Assert.Equal(firstUrn[..^".v1".Length], laterUrn[..laterUrn.LastIndexOf(".v", StringComparison.Ordinal)]);
            Assert.Equal(ContractOwners.OwnerOf(first), ContractOwners.OwnerOf(later));
        }
    }
}
