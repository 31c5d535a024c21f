using Platform.Contracts;
using Platform.Messaging;
using Screening.Api.Screenings;
using static Platform.Testing.ScreeningApi;

namespace Screening.IntegrationTests;

/// <summary>
/// Screening publishes the approval in the versions configured (<c>Messaging:Publish:PatientApprovedForTreatment</c>;
/// this release: v1 and v2), every copy under the event's id, and hears its own approval in either version.
/// </summary>
public sealed class ApprovalVersionsTests(ScreeningApp fixture) : IClassFixture<ScreeningApp>
{
    [Fact]
    public async Task An_approval_goes_out_as_v1_and_v2_with_one_message_id()
    {
        var referral = await ReferAsync(fixture.Intake);
        await RecordSafeIntakeAsync(fixture.Intake, referral.Id);
        var approval = await ApproveAsync(fixture.Prescriber, referral.Id);

        var v1 = await Eventually.Async(
            () => Task.FromResult(fixture.Bus.Received<PatientApprovedForTreatment>().FirstOrDefault(m => m.Message.CourseId == approval.CourseId)),
            what: "the v1 approval on the bus");
        var v2 = await Eventually.Async(
            () => Task.FromResult(fixture.Bus.Received<PatientApprovedForTreatmentV2>().FirstOrDefault(m => m.Message.CourseId == approval.CourseId)),
            what: "the v2 approval on the bus");

        Assert.NotNull(v1.MessageId);
        Assert.Equal(v1.MessageId, v2.MessageId);
        Assert.Equal(PatientApprovedForTreatmentV2.From(v1.Message).Weight, v2.Message.Weight);
        Assert.Equal("44261-6", Assert.Single(v2.Message.BaselineScores, s => s.Instrument == Platform.Instruments.InstrumentCode.Phq9).LoincCode);
    }

    [Fact]
    public async Task A_hold_kept_before_the_approval_is_applied_when_only_the_v2_approval_arrives()
    {
        var referral = await ReferAsync(fixture.Intake);
        await RecordSafeIntakeAsync(fixture.Intake, referral.Id);
        var approval = await ApproveAsync(fixture.Prescriber, referral.Id);
        var published = await Eventually.Async(
            () => Task.FromResult(fixture.Bus.Received<PatientApprovedForTreatmentV2>().FirstOrDefault(m => m.Message.CourseId == approval.CourseId)),
            what: "the v2 approval on the bus");
        await fixture.Host.CatchUpAsync();

        // A hold kept while the approval was being committed (it overtook the approval), then an approval from a
        // Screening that publishes v2 only: the kept hold must not be lost to the version change.
        var hold = new SafetyHoldPlaced(approval.CourseId, referral.PatientId, Guid.NewGuid(), SafetyHoldTrigger.AdverseEvent,
            "Serious adverse event", DateTimeOffset.UtcNow);
        await using (var session = fixture.Host.Store.LightweightSession(ClinicScope.Development))
        {
            EarlyMessages.Keep(session, approval.CourseId, hold.HoldId.ToString(), hold, hold.PlacedAt, DateTimeOffset.UtcNow);
            await session.SaveChangesAsync();
        }

        await fixture.Bus.PublishAsync(published.Message, Guid.NewGuid());

        var flagged = await Eventually.Async(async () =>
        {
            await using var query = fixture.Host.Store.QuerySession(ClinicScope.Development);
            var state = await query.LoadAsync<ScreeningCase>(referral.Id);
            return state!.Status == ScreeningStatus.ReScreeningRequired ? state : null;
        }, what: "the kept hold to require re-screening");
        Assert.Contains(hold.HoldId, flagged.ReScreeningHolds);
    }

    [Fact]
    public async Task A_service_told_to_publish_an_unknown_approval_version_refuses_to_start()
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => ServiceHost.StartAsync<ScreeningServiceMarker>(
            ServiceHost.NewEntityPrefix(),
            settings: new Dictionary<string, string> { ["Messaging:Publish:PatientApprovedForTreatment"] = "v3" }));

        Assert.Contains("Messaging:Publish:PatientApprovedForTreatment is \"v3\"", refused.ToString(), StringComparison.Ordinal);
    }
}
