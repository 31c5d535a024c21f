using Npgsql;

namespace Scheduling.IntegrationTests;

/// <summary>Each booking rule refuses the unsafe case through HTTP with its rule id.</summary>
public sealed class BookingRuleTests(SchedulingApp app) : IClassFixture<SchedulingApp>
{
    private async Task<(Guid Course, Guid Medical, Guid Room)> PreparedAsync()
    {
        var therapist = await app.StaffAsync(StaffRole.Therapist);
        var medical = await app.StaffAsync(StaffRole.MedicalProfessional, MedicalKind.Crna);
        var room = await app.RoomAsync();
        return (await app.PreparedCourseAsync(therapist), medical, room);
    }

    private static Task AssertRuleAsync(HttpResponseMessage response, string ruleId) =>
        ProblemAssert.RefusedAsync(response, [HttpStatusCode.UnprocessableEntity, HttpStatusCode.Conflict], ruleId);

    [Fact]
    public async Task Approval_expired()
    {
        var therapist = await app.StaffAsync(StaffRole.Therapist);
        var courseId = await app.OpenCourseAsync(validFor: TimeSpan.FromDays(1));
        await app.MatchAsync(courseId, therapist);
        await AssertRuleAsync(await app.BookAsync(courseId, SessionKind.Preparation, app.LocalAt(3, 10), TimeSpan.FromHours(1)), RuleIds.ApprovalExpired);
    }

    [Fact]
    public async Task Preparation_incomplete()
    {
        var therapist = await app.StaffAsync(StaffRole.Therapist);
        var medical = await app.StaffAsync(StaffRole.MedicalProfessional, MedicalKind.Crna);
        var room = await app.RoomAsync();
        var courseId = await app.OpenCourseAsync();
        await app.MatchAsync(courseId, therapist);
        await AssertRuleAsync(
            await app.BookAsync(courseId, SessionKind.Dosing, app.LocalAt(3, 10), TimeSpan.FromHours(2), medical, room), RuleIds.PreparationIncomplete);
    }

    [Fact]
    public async Task Dosing_spacing()
    {
        var (course, medical, room) = await PreparedAsync();
        await app.BookOkAsync(course, SessionKind.Dosing, app.LocalAt(3, 8), TimeSpan.FromHours(2), medical, room);
        await AssertRuleAsync(
            await app.BookAsync(course, SessionKind.Dosing, app.LocalAt(3, 14), TimeSpan.FromHours(2), medical, room), RuleIds.DosingSpacing);
    }

    [Fact]
    public async Task Outside_availability()
    {
        var (course, medical, room) = await PreparedAsync();
        await AssertRuleAsync(
            await app.BookAsync(course, SessionKind.Dosing, app.LocalAt(3, 3), TimeSpan.FromHours(2), medical, room), RuleIds.OutsideAvailability);
    }

    [Fact]
    public async Task Expired_credential()
    {
        var (course, _, room) = await PreparedAsync();
        var expired = await app.StaffAsync(
            StaffRole.MedicalProfessional, MedicalKind.Np, SchedulingApp.Valid(CredentialKind.License),
            new Credential(CredentialKind.Acls, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)), "ACLS-1"));
        await AssertRuleAsync(
            await app.BookAsync(course, SessionKind.Dosing, app.LocalAt(4, 10), TimeSpan.FromHours(2), expired, room), RuleIds.CredentialExpired);
    }

    [Fact]
    public async Task Safety_hold_cancels_future_dosing_frees_resources_and_blocks_new_dosing()
    {
        var (course, medical, room) = await PreparedAsync();
        var first = await app.BookOkAsync(course, SessionKind.Dosing, app.LocalAt(5, 9), TimeSpan.FromHours(2), medical, room);
        var second = await app.BookOkAsync(course, SessionKind.Dosing, app.LocalAt(7, 9), TimeSpan.FromHours(2), medical, room);

        var holdId = await app.PlaceHoldAsync(
            course, state => state.Sessions.All(s => s.Status == SessionStatus.Cancelled), "the dosing sessions to be cancelled by the hold");

        foreach (var session in new[] { first, second })
        {
            await Eventually.Async(
                () => Task.FromResult(app.Bus.Received<SessionCancelled>().FirstOrDefault(m => m.Message.SessionId == session)),
                what: "SessionCancelled to be published");
        }

        await using (var connection = new NpgsqlConnection(app.Host.Postgres))
        {
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand("select count(*) from scheduling.resource_bookings where course_id = @id", connection);
            count.Parameters.AddWithValue("id", course);
            Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
        }

        await AssertRuleAsync(
            await app.BookAsync(course, SessionKind.Dosing, app.LocalAt(9, 9), TimeSpan.FromHours(2), medical, room), RuleIds.SafetyHold);

        // Released with the prescriber's "re-screening not needed": booking works again, and the freed slot can be taken.
        await app.Bus.PublishAsync(
            new SafetyHoldReleased(course, Guid.NewGuid(), holdId, app.Clock.GetUtcNow(), true, "Reviewed: no change to eligibility", Guid.NewGuid()),
            Guid.NewGuid());
        await Eventually.Async(async () =>
        {
            await using var query = app.Host.Store.QuerySession(ClinicScope.Development);
            var state = await query.LoadAsync<TreatmentCourse>(course);
            return state!.IsOnHold ? null : state;
        }, what: "the hold to be lifted");
        await app.BookOkAsync(course, SessionKind.Dosing, app.LocalAt(5, 9), TimeSpan.FromHours(2), medical, room);
    }

    [Fact]
    public async Task Free_slots_skip_booked_resources()
    {
        var (course, medical, room) = await PreparedAsync();
        var (other, _, _) = await PreparedAsync();
        var day = 6;
        await app.BookOkAsync(other, SessionKind.Dosing, app.LocalAt(day, 7), TimeSpan.FromHours(2), medical, room);

        var from = Uri.EscapeDataString(app.LocalAt(day, 0).ToString("o"));
        var to = Uri.EscapeDataString(app.LocalAt(day + 1, 0).ToString("o"));
        var page = await app.Client().GetFromJsonAsync<SlotPage>($"/courses/{course}/free-slots?from={from}&to={to}&limit=200", SchedulingApp.Json);
        var slots = page!.Items;
        Assert.Null(page.Next);
        Assert.NotEmpty(slots!);
        Assert.All(slots!, s => Assert.True(s.Block.Start >= app.LocalAt(day, 7)));
        var early = slots!.First(s => s.Block.Start == app.LocalAt(day, 7));
        Assert.DoesNotContain(medical, early.MedicalProfessionalIds);
        Assert.DoesNotContain(room, early.RoomIds);
        Assert.Contains(medical, slots!.First(s => s.Block.Start == app.LocalAt(day, 9)).MedicalProfessionalIds);
    }

    private sealed record Block(DateTimeOffset Start, DateTimeOffset End);

    private sealed record SlotPage(List<Slot> Items, string? Next);

    private sealed record Slot(Block Block, List<Guid> TherapistIds, List<Guid> MedicalProfessionalIds, List<Guid> RoomIds);
}
