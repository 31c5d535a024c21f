namespace Scheduling.IntegrationTests;

/// <summary>
/// The analysts' utilisation rows (reporting.scheduling_resource_days) follow a session's people and room: a booking
/// adds them, a move to another room replaces them, a cancellation removes them.
/// </summary>
public sealed class ResourceDaysTests(SchedulingApp app) : IClassFixture<SchedulingApp>
{
    [Fact]
    public async Task A_move_to_another_room_replaces_the_rows_and_a_cancellation_removes_them()
    {
        var therapist = await app.StaffAsync(StaffRole.Therapist);
        var first = await app.RoomAsync();
        var second = await app.RoomAsync();
        var courseId = await app.PreparedCourseAsync(therapist);
        var sessionId = await app.BookOkAsync(courseId, SessionKind.Integration, app.LocalAt(2, 9), TimeSpan.FromHours(1), room: first);
        await app.Host.CatchUpAsync();
        Assert.Equal([(therapist, 60), (first, 60)], await RowsAsync(therapist, first, second));

        var moved = await app.Client().PutAsJsonAsync(
            $"/courses/{courseId}/sessions/{sessionId}", new { start = app.LocalAt(3, 10), end = app.LocalAt(3, 11, 30), roomId = second }, SchedulingApp.Json);
        Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());
        await app.Host.CatchUpAsync();
        Assert.Equal([(therapist, 90), (second, 90)], await RowsAsync(therapist, first, second));

        var cancelled = await app.Client().PostAsJsonAsync(
            $"/courses/{courseId}/sessions/{sessionId}/cancel", new { reason = "patient unwell", initiatedBy = "Patient" }, SchedulingApp.Json);
        Assert.True(cancelled.IsSuccessStatusCode, await cancelled.Content.ReadAsStringAsync());
        await app.Host.CatchUpAsync();
        Assert.Empty(await RowsAsync(therapist, first, second));
    }

    /// <summary>The rows of these resources, ordered as given: (resource, minutes).</summary>
    private async Task<List<(Guid Resource, int Minutes)>> RowsAsync(params Guid[] resources)
    {
        await using var connection = new Npgsql.NpgsqlConnection(app.Host.Postgres);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "select resource_id, minutes from reporting.scheduling_resource_days where resource_id = any(@ids) order by array_position(@ids, resource_id)",
            connection);
        command.Parameters.AddWithValue("ids", resources);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(Guid, int)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetGuid(0), reader.GetInt32(1)));
        }

        return rows;
    }
}
