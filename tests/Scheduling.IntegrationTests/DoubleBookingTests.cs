using Npgsql;

namespace Scheduling.IntegrationTests;

/// <summary>
/// The exclusion constraint, not a read-side check, decides: many simultaneous bookings for overlapping blocks
/// that share one resource yield exactly one booking.
/// </summary>
public sealed class DoubleBookingTests(SchedulingApp app) : IClassFixture<SchedulingApp>
{
    private const int Requests = 50;

    [Theory]
    [InlineData("medical")]
    [InlineData("room")]
    public async Task Fifty_concurrent_bookings_sharing_a_resource_yield_exactly_one(string shared)
    {
        var sharedMedical = await app.StaffAsync(StaffRole.MedicalProfessional, MedicalKind.Crna);
        var sharedRoom = await app.RoomAsync();
        var setups = new List<(Guid Course, Guid Medical, Guid Room)>();
        for (var i = 0; i < Requests; i++)
        {
            var therapist = await app.StaffAsync(StaffRole.Therapist);
            var medical = shared == "medical" ? sharedMedical : await app.StaffAsync(StaffRole.MedicalProfessional, MedicalKind.Np);
            var room = shared == "room" ? sharedRoom : await app.RoomAsync();
            setups.Add((await app.PreparedCourseAsync(therapist), medical, room));
        }

        var start = app.LocalAt(days: 3, hour: 9);
        using var gate = new SemaphoreSlim(0);
        var tasks = setups.Select(async (s, i) =>
        {
            await gate.WaitAsync();
            return await app.BookAsync(s.Course, SessionKind.Dosing, start.AddMinutes(i), TimeSpan.FromHours(2), s.Medical, s.Room);
        }).ToList();
        gate.Release(Requests);
        var responses = await Task.WhenAll(tasks);

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(Requests - 1, statuses.Count(s => s == HttpStatusCode.Conflict));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            Assert.Equal(RuleIds.DoubleBooked, await SchedulingApp.RuleIdAsync(refused));
            Assert.Contains(shared == "medical" ? "medicalProfessionalId" : "roomId", await refused.Content.ReadAsStringAsync());
        }

        var sharedId = shared == "medical" ? sharedMedical : sharedRoom;
        await using var query = app.Host.Store.QuerySession(ClinicScope.Development);
        var sessions = await query.Query<ScheduledSession>()
            .Where(s => s.MedicalProfessionalId == sharedId || s.RoomId == sharedId)
            .ToListAsync();
        Assert.Single(sessions);

        var courses = await query.LoadManyAsync<TreatmentCourse>(setups.Select(s => s.Course).ToArray());
        Assert.Equal(1, courses.Sum(c => c.Sessions.Count));

        await using var connection = new NpgsqlConnection(app.Host.Postgres);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("select count(*) from scheduling.resource_bookings where resource_id = @id", connection);
        count.Parameters.AddWithValue("id", sharedId);
        Assert.Equal(1L, (long)(await count.ExecuteScalarAsync())!);
    }
}
