namespace Screening.IntegrationTests;

/// <summary>
/// The PostgreSQL round trips of an intake command (vitals: the screening, its evaluation, the review queue) and of
/// a screening read. A budget, counted, not timed: a change that adds a round trip fails here.
/// </summary>
public sealed class RoundTripTests(ScreeningApp app) : IClassFixture<ScreeningApp>
{
    [Fact]
    public async Task An_intake_fact_and_a_screening_read_stay_within_their_round_trip_budgets()
    {
        var referred = await ScreeningApi.ReferAsync(app.Intake);
        using var roundTrips = new RoundTrips();

        var (recorded, recording) = await roundTrips.SendAsync(app.Intake, new HttpRequestMessage(HttpMethod.Post, $"/screenings/{referred.Id}/vitals") {
            Content = JsonContent.Create(ScreeningApi.Vitals(), options: ScreeningApi.Json),
        });
        await ScreeningApi.ExpectAsync(recorded, HttpStatusCode.OK);
        var (read, reading) = await roundTrips.SendAsync(app.Intake, new HttpRequestMessage(HttpMethod.Get, $"/screenings/{referred.Id}"));
        await ScreeningApi.ExpectAsync(read, HttpStatusCode.OK);

        RoundTrips.AssertWithin(3, recording, "intake fact");
        RoundTrips.AssertWithin(1, reading, "read");
    }
}
