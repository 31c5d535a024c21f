using Platform.Messaging;

namespace Scheduling.IntegrationTests;

/// <summary>
/// A safety hold the release before <see cref="EarlyMessages"/> parked (document EarlySafetyHold) is converted at
/// start-up and still opens its course on hold: nothing parked before the upgrade is lost.
/// </summary>
public sealed class EarlyMessagesUpgradeTests
{
    [Fact]
    public async Task A_hold_parked_by_the_earlier_release_still_opens_the_course_on_hold()
    {
        var ct = TestContext.Current.CancellationToken;
        var courseId = Guid.NewGuid();
        var holdId = Guid.NewGuid();
        var placedAt = DateTimeOffset.UtcNow.AddMinutes(-10);
        var prefix = ServiceHost.NewEntityPrefix();
        await using var bus = await TestBus.StartAsync(prefix);
        await using var host = await ServiceHost.StartAsync<SchedulingServiceMarker>(
            prefix, prepareDatabase: database => ParkAsync(database, courseId, holdId, placedAt));

        await using (var query = host.Store.QuerySession(ClinicScope.Development))
        {
            var hold = Assert.IsType<SafetyHoldPlaced>(Assert.Single(await EarlyMessages.ForAsync(query, courseId, ct)).Read());
            Assert.Equal((holdId, "severe dissociation", placedAt), (hold.HoldId, hold.Reason, hold.PlacedAt));
        }

        Assert.True(await EarlierRelease.ScalarAsync(host.Postgres, "select to_regclass('scheduling.mt_doc_early_safety_hold') is null") is true, "the old table is dropped");

        await bus.PublishAsync(SchedulingApp.Approval(courseId, DateTimeOffset.UtcNow), Guid.NewGuid());
        var course = await Eventually.Async(async () =>
        {
            await using var query = host.Store.QuerySession(ClinicScope.Development);
            return await query.LoadAsync<TreatmentCourse>(courseId);
        }, what: "the course to open from the approval");

        Assert.True(course.IsOnHold);
        Assert.Equal(holdId, Assert.Single(course.ActiveHolds).HoldId);
        await using (var query = host.Store.QuerySession(ClinicScope.Development))
        {
            Assert.Empty(await EarlyMessages.ForAsync(query, courseId, ct));
        }
    }

    // The table Marten kept the earlier release's EarlySafetyHold in, with one parked hold.
    private static Task ParkAsync(string database, Guid courseId, Guid holdId, DateTimeOffset placedAt) =>
        EarlierRelease.DocumentAsync(database, "scheduling", "mt_doc_early_safety_hold", holdId, new {
            Id = holdId,
            CourseId = courseId,
            Reason = "severe dissociation",
            PlacedAt = placedAt,
            ReleasedAt = (DateTimeOffset?)null,
            ReScreeningWaived = false,
        });
}
