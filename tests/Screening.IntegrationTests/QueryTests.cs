using Screening.Api.Queries;
using Screening.Api.Screenings;
using static Platform.Testing.ScreeningApi;

namespace Screening.IntegrationTests;

public sealed class QueryTests(ScreeningApp fixture) : IClassFixture<ScreeningApp>
{
    [Fact]
    public async Task A_read_carries_the_stream_version_marten_set_as_its_etag()
    {
        var referral = await ReferAsync(fixture.Intake);
        using var vitals = await SendAsync(fixture.Intake, HttpMethod.Post, $"/screenings/{referral.Id}/vitals", Vitals());
        await ExpectAsync(vitals, HttpStatusCode.OK);
        var written = vitals.Headers.ETag!.Tag;

        using var read = await fixture.Intake.GetAsync($"/screenings/{referral.Id}");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(written, read.Headers.ETag!.Tag);
        Assert.NotEqual(ETags.From(0), written);
    }

    [Fact]
    public async Task The_review_queue_is_paged_and_filtered()
    {
        for (var i = 0; i < 3; i++)
        {
            var referral = await ReferAsync(fixture.Intake);
            await RecordSafeIntakeAsync(fixture.Intake, referral.Id);
        }

        var first = await GetAsync<Page<ReviewQueueItem>>(fixture.Prescriber, "/review-queue?limit=2");
        Assert.Equal(2, first.Items.Count);
        Assert.NotNull(first.Next);
        Assert.All(first.Items, i => Assert.True(i.Version > 0));
        var second = await GetAsync<Page<ReviewQueueItem>>(fixture.Prescriber, $"/review-queue?limit=2&cursor={Uri.EscapeDataString(first.Next!)}");
        Assert.DoesNotContain(second.Items, i => first.Items.Any(f => f.Id == i.Id));

        var eligible = await GetAsync<Page<ReviewQueueItem>>(fixture.Prescriber, "/review-queue?outcome=Eligible&limit=200");
        Assert.NotEmpty(eligible.Items);
        Assert.All(eligible.Items, i => Assert.Equal(EligibilityOutcome.Eligible, i.Outcome));
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Empty((await GetAsync<Page<ReviewQueueItem>>(fixture.Prescriber, $"/review-queue?referredFrom={tomorrow}")).Items);

        using var badLimit = await fixture.Prescriber.GetAsync("/review-queue?limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
    }
}
