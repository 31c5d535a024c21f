using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Messaging;
using Platform.ServiceDefaults.Identity;
using Platform.ServiceDefaults.Marten;
using Screening.Api.Screenings;
using static Platform.Testing.ScreeningApi;

namespace Screening.IntegrationTests;

/// <summary>
/// The safety holds the release before <see cref="EarlyMessages"/> kept per course (document SafetyHoldInbox) are
/// converted at start-up, and the approved screening of their course applies them: nothing kept before the upgrade is lost.
/// </summary>
public sealed class EarlyMessagesUpgradeTests
{
    [Fact]
    public async Task Holds_kept_by_the_earlier_release_become_early_messages_and_the_approved_screening_applies_them()
    {
        var ct = TestContext.Current.CancellationToken;
        var parkedCourse = Guid.NewGuid();
        var parkedHold = Guid.NewGuid();
        var placedAt = DateTimeOffset.UtcNow.AddMinutes(-10);
        var prefix = ServiceHost.NewEntityPrefix();
        await using var bus = await TestBus.StartAsync(prefix);
        await using var host = await ServiceHost.StartAsync<ScreeningServiceMarker>(
            prefix, prepareDatabase: database => KeepAsync(database, parkedCourse, parkedHold, placedAt));

        // At start-up: the inbox's hold and its waived release are early messages, and the old table is gone.
        await using (var query = host.Store.QuerySession(ClinicScope.Development))
        {
            var kept = (await EarlyMessages.ForAsync(query, parkedCourse, ct)).Select(m => m.Read()).ToList();
            var hold = Assert.IsType<SafetyHoldPlaced>(kept[0]);
            Assert.Equal((parkedHold, SafetyHoldTrigger.Pregnancy, placedAt), (hold.HoldId, hold.Trigger, hold.PlacedAt));
            var release = Assert.IsType<SafetyHoldReleased>(kept[1]);
            Assert.Equal((parkedHold, true, "Explained"), (release.HoldId, release.ReScreeningNotNeeded, release.ReScreeningWaiverReason));
            Assert.Equal(2, kept.Count);
        }

        Assert.True(await EarlierRelease.ScalarAsync(host.Postgres, "select to_regclass('screening.mt_doc_safetyholdinbox') is null") is true, "the old table is dropped");

        // The course id is minted at approval, so the migration (its steps, as `migrate` runs them) is run once more on a
        // table kept after start-up (as a node of the earlier release would leave it), then the approval is heard.
        var intake = host.ClientFor(Roles.Intake, "intake-1");
        var referral = await ReferAsync(intake);
        await RecordSafeIntakeAsync(intake, referral.Id);
        var approval = await ApproveAsync(host.ClientFor(Roles.Prescriber, "prescriber-1"), referral.Id);
        var holdId = Guid.NewGuid();
        await KeepAsync(host.Postgres, approval.CourseId, holdId, placedAt, released: false);
        foreach (var step in host.Services.GetServices<ISchemaStep>())
        {
            await step.ApplyAsync(host.Store, host.Store.Storage.Database, ct);
        }

        await bus.PublishAsync(ContractBuilders.Approval(approval.CourseId, DateTimeOffset.UtcNow), Guid.NewGuid());

        var held = await Eventually.Async(async () =>
        {
            await using var query = host.Store.QuerySession(ClinicScope.Development);
            var state = await query.LoadAsync<ScreeningCase>(referral.Id);
            return state!.ReScreeningHolds.Contains(holdId) ? state : null;
        }, what: "the converted hold to be applied to the approved screening");
        Assert.Equal(ScreeningStatus.ReScreeningRequired, held.Status);
        await using (var query = host.Store.QuerySession(ClinicScope.Development))
        {
            Assert.Empty(await EarlyMessages.ForAsync(query, approval.CourseId, ct));
        }
    }

    // The table Marten kept the earlier release's SafetyHoldInbox in (id = the course id), with one course's holds.
    private static Task KeepAsync(string database, Guid courseId, Guid holdId, DateTimeOffset placedAt, bool released = true) =>
        EarlierRelease.DocumentAsync(database, "screening", "mt_doc_safetyholdinbox", courseId, new {
            Id = courseId,
            Holds = new[]
            {
                new
                {
                    HoldId = holdId, Trigger = (int?)SafetyHoldTrigger.Pregnancy, PlacedAt = (DateTimeOffset?)placedAt,
                    ReleasedAt = released ? placedAt.AddMinutes(5) : (DateTimeOffset?)null, ReScreeningNotNeeded = released,
                    WaiverReason = released ? "Explained" : null, ReleasedBy = (Guid?)Guid.NewGuid(),
                },
            },
        });
}
