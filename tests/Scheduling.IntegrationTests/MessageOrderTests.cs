using Platform.Messaging;

namespace Scheduling.IntegrationTests;

/// <summary>
/// Messages about a course may overtake the approval that opens it, and a release its hold: a safety hold must never be
/// lost that way, and a released one never applied again.
/// </summary>
public sealed class MessageOrderTests(SchedulingApp app) : IClassFixture<SchedulingApp>
{
    [Fact]
    public async Task A_hold_whose_release_overtook_it_leaves_an_open_course_unheld_and_its_dosing_booked()
    {
        var therapist = await app.StaffAsync(StaffRole.Therapist);
        var medical = await app.StaffAsync(StaffRole.MedicalProfessional, MedicalKind.Crna);
        var room = await app.RoomAsync();
        var courseId = await app.PreparedCourseAsync(therapist);
        var dosing = await app.BookOkAsync(courseId, SessionKind.Dosing, app.LocalAt(5, 9), TimeSpan.FromHours(2), medical, room);
        var holdId = Guid.NewGuid();

        await app.Bus.PublishAsync(new SafetyHoldReleased(courseId, Guid.NewGuid(), holdId, app.Clock.GetUtcNow(), ReScreeningNotNeeded: false), Guid.NewGuid());
        await Eventually.Async(async () => await CourseAsync(courseId) is { } c && c.ReleasedHolds.Contains(holdId) ? c : null, what: "the release to be recorded");
        var late = Guid.NewGuid();
        await app.Bus.PublishAsync(new SafetyHoldPlaced(courseId, Guid.NewGuid(), holdId, SafetyHoldTrigger.AdverseEvent, "severe dissociation", app.Clock.GetUtcNow()), late);
        await Eventually.Async(async () =>
        {
            await using var query = app.Host.Store.QuerySession(ClinicScope.Development);
            return await query.LoadAsync<ProcessedMessage>($"{nameof(SafetyHoldPlaced)}:{late}");
        }, what: "the late hold to be handled");

        var course = (await CourseAsync(courseId))!;
        Assert.False(course.IsOnHold);
        Assert.Equal(holdId, course.ReScreeningRequiredAfterHold);
        Assert.Equal(SessionStatus.Booked, course.FindSession(dosing)!.Status);
    }

    private async Task<TreatmentCourse?> CourseAsync(Guid courseId)
    {
        await using var query = app.Host.Store.QuerySession(ClinicScope.Development);
        return await query.LoadAsync<TreatmentCourse>(courseId);
    }

    [Fact]
    public async Task A_hold_that_arrives_before_the_approval_opens_the_course_on_hold()
    {
        var courseId = Guid.NewGuid();
        var holdId = Guid.NewGuid();
        var placedAt = app.Clock.GetUtcNow();
        await app.Bus.PublishAsync(new SafetyHoldPlaced(courseId, Guid.NewGuid(), holdId, SafetyHoldTrigger.AdverseEvent, "severe dissociation", placedAt), Guid.NewGuid());
        await Eventually.Async(async () =>
        {
            await using var query = app.Host.Store.QuerySession(ClinicScope.Development);
            return await query.LoadAsync<EarlyMessage>($"{nameof(SafetyHoldPlaced)}:{holdId}");
        }, what: "the early hold to be kept");

        await app.Bus.PublishAsync(SchedulingApp.Approval(courseId, app.Clock.GetUtcNow()), Guid.NewGuid());
        var course = await Eventually.Async(async () =>
        {
            await using var query = app.Host.Store.QuerySession(ClinicScope.Development);
            return await query.LoadAsync<TreatmentCourse>(courseId);
        }, what: "the course to open from the approval");

        Assert.True(course.IsOnHold);
        Assert.Equal(holdId, Assert.Single(course.ActiveHolds).HoldId);
        await using (var query = app.Host.Store.QuerySession(ClinicScope.Development))
        {
            Assert.Null(await query.LoadAsync<EarlyMessage>($"{nameof(SafetyHoldPlaced)}:{holdId}"));
        }

        var therapist = await app.StaffAsync(StaffRole.Therapist);
        await app.MatchAsync(courseId, therapist);
        var refused = await app.BookAsync(courseId, SessionKind.Dosing, app.LocalAt(5, 9), TimeSpan.FromHours(2));
        Assert.Equal(RuleIds.SafetyHold, await SchedulingApp.RuleIdAsync(refused));
    }

    [Fact]
    public async Task A_hold_and_its_approval_delivered_together_always_open_the_course_on_hold()
    {
        // Found by the fault suite: a hold kept while the opening was already looking for kept holds was never applied.
        var pairs = Enumerable.Range(0, 40).Select(_ => (Course: Guid.NewGuid(), Hold: Guid.NewGuid())).ToList();
        await Task.WhenAll(pairs.SelectMany(p => new[]
        {
            app.Bus.PublishAsync(new SafetyHoldPlaced(p.Course, Guid.NewGuid(), p.Hold, SafetyHoldTrigger.AdverseEvent, "severe dissociation", app.Clock.GetUtcNow()), Guid.NewGuid()),
            app.Bus.PublishAsync(SchedulingApp.Approval(p.Course, app.Clock.GetUtcNow()), Guid.NewGuid()),
        }));

        foreach (var (courseId, holdId) in pairs)
        {
            var course = await Eventually.Async(async () =>
            {
                await using var query = app.Host.Store.QuerySession(ClinicScope.Development);
                return await query.LoadAsync<TreatmentCourse>(courseId) is { ActiveHolds.Count: > 0 } held ? held : null;
            }, what: $"course {courseId} to open on hold {holdId}");
            Assert.Equal(holdId, Assert.Single(course.ActiveHolds).HoldId);
        }
    }
}
