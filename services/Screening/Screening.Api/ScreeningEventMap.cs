using JasperFx.Events;
using Platform.Fhir;
using Platform.Messaging;
using Contracts = Platform.Contracts;

namespace Screening.Api;

/// <summary>
/// The committed Screening events other services need, as versioned contracts. The patient is known by id only:
/// no name, birth date, contact or item answers leave this service.
/// </summary>
/// <param name="approvals">
/// Which versions of the approval go out (<c>Messaging:Publish:PatientApprovedForTreatment</c>): both while consumers of
/// the previous release (v1 only) still run, then v2 alone.
/// </param>
public sealed class ScreeningEventMap(PublishedVersions approvals) : IIntegrationEventMap
{
    public const string ApprovalContract = nameof(Contracts.PatientApprovedForTreatment);

    /// <summary>This release publishes both: a node of the previous release consumes v1 only.</summary>
    public const string ApprovalDefault = "v1,v2";

    /// <summary>The approval's setting, read (and refused when unknown) at start-up.</summary>
    public static PublishedVersions ApprovalVersions(IConfiguration configuration) =>
        PublishedVersions.Read(configuration, ApprovalContract, ["v1", "v2"], ApprovalDefault);

    public IReadOnlyList<object> ToContracts(IEvent @event) => @event.Data switch {
        ScreeningApproved e => Approval(e),
        ScreeningDeclined e => [new Contracts.ScreeningDeclined(
            e.ScreeningId,
            e.PatientId,
            e.Reason,
            e.RuleIds,
            e.DeclinedAt,
            e.ProtocolVersion)],
        _ => [],
    };

    /// <summary>
    /// v1 first: the copy every consumer, of either release, can apply. v2 is v1 upcast (the one mapping between the
    /// shapes) with the LOINC codes v1 cannot carry.
    /// </summary>
    private List<object> Approval(ScreeningApproved e)
    {
        var v1 = new Contracts.PatientApprovedForTreatment(
            e.CourseId,
            e.PatientId,
            e.ScreeningId,
            e.Indication,
            e.Route,
            e.Conditions,
            e.BaselineScores,
            e.WeightKg,
            e.ApprovedAt,
            e.ValidUntil,
            e.ProtocolVersion);
        var messages = new List<object>(2);
        if (approvals.Includes("v1"))
        {
            messages.Add(v1);
        }

        if (approvals.Includes("v2"))
        {
            messages.Add(Contracts.PatientApprovedForTreatmentV2.From(v1) with {
                BaselineScores = [.. e.BaselineScores.Select(s => new Contracts.CodedInstrumentScore(
                    s.Instrument, s.Total, s.Band, s.AdministeredAt, FhirInstruments.LoincTotalCode(s.Instrument)))],
            });
        }

        return messages;
    }
}
