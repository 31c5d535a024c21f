namespace Integration.IntegrationTests;

/// <summary>
/// A hand-published approval once opened an outcome record with no screening behind it: the consumer now takes an
/// approval only from Screening's broker user and parks anything else where an operator sees it.
/// </summary>
public sealed class PublisherTrustTests
{
    [Fact]
    public async Task An_approval_not_from_screening_opens_no_outcome_record()
    {
        TestInfrastructure.SkipUnlessBrokerUsersExist();

        var prefix = ServiceHost.NewEntityPrefix();
        await using var service = await ServiceHost.StartAsync<IntegrationServiceMarker>(prefix);
        await using var bus = await TestBus.StartAsync(prefix);

        var forged = ContractBuilders.Approval();
        var withoutUser = Guid.NewGuid();
        var asAdmin = Guid.NewGuid();
        await bus.PublishAsAdminAsync(forged, withoutUser, withUserId: false);
        await bus.PublishAsAdminAsync(forged, asAdmin, withUserId: true);

        // Both forgeries sit in the error queue, and no outcome record was opened from either.
        async Task BothParkedAndNoRecordAsync(string what)
        {
            await Eventually.Async(async () =>
            {
                var parked = await Broker.MessageIdsInAsync($"{prefix}open-outcome-record-on-approval_error");
                return parked.Contains(withoutUser.ToString()) && parked.Contains(asAdmin.ToString()) ? (object)true : null;
            }, what: what);
            await using var query = service.Store.QuerySession(ClinicScope.Development);
            Assert.Null(await query.LoadAsync<CourseOutcome>(forged.CourseId));
        }

        await BothParkedAndNoRecordAsync("both forged approvals to be parked in the error queue");

        // An operator's replay does not launder a forgery: the first publisher travels with the message and is refused again.
        var replayed = await service.ClientFor(Roles.Operator, "operator-1")
            .PostAsync(new Uri($"/operations/error-queues/{prefix}open-outcome-record-on-approval/replay", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal(2, (await replayed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetInt32());
        await BothParkedAndNoRecordAsync("both replayed forgeries to be refused again");

        var real = ContractBuilders.Approval();
        await bus.PublishAsync(real, Guid.NewGuid());
        await Eventually.Async(async () =>
        {
            await using var query = service.Store.QuerySession(ClinicScope.Development);
            return await query.LoadAsync<CourseOutcome>(real.CourseId);
        }, what: "the approval from Screening to open the outcome record");
    }
}
