namespace Integration.IntegrationTests;

/// <summary>
/// PostgreSQL round trips, counted, not timed: an outcome measurement (the course record with its inline projections),
/// a course read, and a consumed dosing session (lock, stream, commit with the processed marker). A change that adds a
/// round trip fails here; the figures are in bench/README.md.
/// </summary>
public sealed class RoundTripTests(IntegrationApp service) : IClassFixture<IntegrationApp>
{
    [Fact]
    public async Task A_command_a_read_and_a_consumed_message_stay_within_their_round_trip_budgets()
    {
        var now = DateTimeOffset.UtcNow;
        var courseId = await service.OpenCourseAsync(now.AddDays(-30));
        using var roundTrips = new RoundTrips();

        var (measured, measuring) = await roundTrips.SendAsync(service.Therapist, new HttpRequestMessage(HttpMethod.Post, $"/courses/{courseId}/outcomes") {
            Content = JsonContent.Create(IntegrationApp.Phq9(12, now.AddDays(-1)), options: IntegrationApp.Json),
        });
        Assert.True(measured.IsSuccessStatusCode, await measured.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var (read, reading) = await roundTrips.SendAsync(service.Therapist, new HttpRequestMessage(HttpMethod.Get, $"/courses/{courseId}"));
        read.EnsureSuccessStatusCode();
        var dosed = now.AddDays(-2);
        var consuming = await roundTrips.ConsumedAsync(
            () => service.Bus.PublishAsync(
                new DosingSessionCompleted(
                    courseId, Guid.NewGuid(), 1, TreatmentRoute.IvKetamine, 35m, dosed, dosed.AddHours(2), new VitalsReading(120, 80, 70, dosed), null,
                    new VitalsReading(122, 81, 71, dosed.AddHours(2)), 8, Guid.NewGuid(), Guid.NewGuid()),
                Guid.NewGuid()),
            "mt_quick_append_events");

        RoundTrips.AssertWithin(2, measuring, "outcome");
        RoundTrips.AssertWithin(1, reading, "read");
        RoundTrips.AssertWithin(3, consuming, "dosing session consumed");
    }
}
