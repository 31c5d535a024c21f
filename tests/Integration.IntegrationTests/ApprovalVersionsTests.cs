using Platform.Messaging;

namespace Integration.IntegrationTests;

/// <summary>
/// The approval's v1 and v2, published side by side during a rolling upgrade under one MessageId: the outcome record
/// opens once, whichever copy comes first, and a Screening still publishing v1 alone is understood.
/// </summary>
public sealed class ApprovalVersionsTests(IntegrationApp app) : IClassFixture<IntegrationApp>
{
    private async Task<IReadOnlyList<JasperFx.Events.IEvent>> RecordEventsAsync(Guid courseId)
    {
        await using var query = app.Host.Store.QuerySession(ClinicScope.Development);
        return await query.Events.FetchStreamAsync(courseId);
    }

    private async Task<ProcessedMessage?> MarkerAsync(Guid messageId)
    {
        await using var query = app.Host.Store.QuerySession(ClinicScope.Development);
        return await query.LoadAsync<ProcessedMessage>($"PatientApprovedForTreatment:{messageId}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_v1_and_a_v2_copy_of_one_approval_open_one_outcome_record_in_either_order(bool v1First)
    {
        using var v1Consumed = app.Host.Consumed<PatientApprovedForTreatment>();
        using var v2Consumed = app.Host.Consumed<PatientApprovedForTreatmentV2>();
        var v1 = ContractBuilders.Approval();
        var v2 = PatientApprovedForTreatmentV2.From(v1);
        var messageId = Guid.NewGuid();

        // One after the other, so the order is the one named.
        if (v1First)
        {
            await app.Bus.PublishAsync(v1, messageId);
            await v1Consumed.WaitForAsync(1);
            await app.Bus.PublishAsync(v2, messageId);
            await v2Consumed.WaitForAsync(1);
        }
        else
        {
            await app.Bus.PublishAsync(v2, messageId);
            await v2Consumed.WaitForAsync(1);
            await app.Bus.PublishAsync(v1, messageId);
            await v1Consumed.WaitForAsync(1);
        }

        Assert.Equal(0, v1Consumed.Faulted + v2Consumed.Faulted);
        var opened = Assert.IsType<CourseOutcomeOpened>(Assert.Single(await RecordEventsAsync(v1.CourseId)).Data);
        Assert.Equal(v1.BaselineScores.Select(s => (s.Instrument, s.Total)), opened.BaselineScores.Select(s => (s.Instrument, s.Total)));
        Assert.NotNull(await MarkerAsync(messageId));
    }

    [Fact]
    public async Task An_approval_from_a_screening_that_publishes_v1_only_still_opens_the_outcome_record()
    {
        var v1 = ContractBuilders.Approval();
        var messageId = Guid.NewGuid();

        await app.Bus.PublishAsync(v1, messageId);

        var record = await Eventually.Async(async () =>
        {
            await using var query = app.Host.Store.QuerySession(ClinicScope.Development);
            return await query.LoadAsync<CourseOutcome>(v1.CourseId);
        }, what: "the outcome record to open from the v1 approval");
        Assert.Equal(v1.PatientId, record.PatientId);
        Assert.NotNull(await MarkerAsync(messageId));
    }
}
