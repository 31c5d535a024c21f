namespace Scheduling.IntegrationTests;

/// <summary>
/// Only the owner can speak for its events: the broker refuses Scheduling's account on other services' contract
/// exchanges, and Scheduling's consumers refuse a contract that did not come from its owner's account.
/// </summary>
public sealed class BrokerTrustTests(SchedulingApp app) : IClassFixture<SchedulingApp>
{
    [Theory]
    [InlineData(typeof(SafetyHoldReleased))]
    [InlineData(typeof(PatientApprovedForTreatment))]
    public async Task Schedulings_credentials_cannot_publish_another_services_contract(Type contract)
    {
        TestInfrastructure.SkipUnlessBrokerUsersExist();

        var exchange = Broker.ExchangeOf(contract, ServiceHost.NewEntityPrefix());
        await Broker.DeclareExchangeAsync(exchange);

        Assert.Equal((ushort)403, await Broker.PublishAsAsync(ContractOwners.Scheduling, exchange)); // access_refused
        Assert.Null(await Broker.PublishAsAsync(ContractOwners.OwnerOf(contract)!, exchange));
    }

    [Fact]
    public async Task A_message_from_the_owner_that_faults_still_reaches_the_error_queue()
    {
        TestInfrastructure.SkipUnlessBrokerUsersExist();

        // Integration's user_id is on it, and Scheduling moves it: the move must not carry a user_id the broker
        // would refuse from Scheduling's login, or the message would loop instead of reaching the operator.
        var messageId = Guid.NewGuid();
        Assert.Null(await Broker.PublishAsAsync(ContractOwners.Integration, Broker.ExchangeOf(typeof(SafetyHoldReleased), app.Prefix), messageId));

        await Eventually.Async(
            async () => (await Broker.MessageIdsInAsync($"{app.Prefix}lift-hold-on-release_error")).Contains(messageId.ToString()) ? (object)true : null,
            what: "the unreadable release to be parked in the error queue");
    }

    [Fact]
    public async Task Every_contract_exchange_takes_writes_from_its_owner_only()
    {
        TestInfrastructure.SkipUnlessBrokerUsersExist();

        var prefix = ServiceHost.NewEntityPrefix();
        var wrong = new List<string>();
        foreach (var (contract, owner) in ContractOwners.ByContract)
        {
            var exchange = Broker.ExchangeOf(contract, prefix);
            await Broker.DeclareExchangeAsync(exchange);
            foreach (var service in ContractOwners.Services)
            {
                var refused = await Broker.PublishAsAsync(service, exchange);
                var expected = service == owner ? null : (ushort?)403;
                if (refused != expected)
                {
                    wrong.Add($"{service} on {contract.Name}: reply {refused?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "accepted"}");
                }
            }
        }

        // A mismatch means deploy/rabbitmq/users.sh and ContractOwners disagree.
        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_approval_not_from_screening_opens_no_course_and_waits_in_the_error_queue(bool withUserId)
    {
        TestInfrastructure.SkipUnlessBrokerUsersExist();

        var forged = SchedulingApp.Approval(Guid.NewGuid(), app.Clock.GetUtcNow());
        var forgedId = Guid.NewGuid();
        await app.Bus.PublishAsAdminAsync(forged, forgedId, withUserId);

        await Eventually.Async(
            async () => (await Broker.MessageIdsInAsync($"{app.Prefix}open-course-on-approval_error")).Contains(forgedId.ToString()) ? (object)true : null,
            what: "the forged approval to be parked in the error queue");
        await using (var query = app.Host.Store.QuerySession(ClinicScope.Development))
        {
            Assert.Null(await query.LoadAsync<TreatmentCourse>(forged.CourseId));
        }

        // The same consumer still takes the real thing.
        await app.OpenCourseAsync();
    }

    [Fact]
    public async Task A_release_not_from_integration_leaves_the_hold_in_place()
    {
        TestInfrastructure.SkipUnlessBrokerUsersExist();

        var course = await app.OpenCourseAsync();
        var holdId = await app.PlaceHoldAsync(course, state => state.IsOnHold, "the hold to be placed");

        var forgedId = Guid.NewGuid();
        await app.Bus.PublishAsAdminAsync(new SafetyHoldReleased(course, Guid.NewGuid(), holdId, app.Clock.GetUtcNow()), forgedId, withUserId: true);
        await Eventually.Async(
            async () => (await Broker.MessageIdsInAsync($"{app.Prefix}lift-hold-on-release_error")).Contains(forgedId.ToString()) ? (object)true : null,
            what: "the forged release to be parked in the error queue");
        await using (var query = app.Host.Store.QuerySession(ClinicScope.Development))
        {
            Assert.True((await query.LoadAsync<TreatmentCourse>(course))!.IsOnHold);
        }

        await app.Bus.PublishAsync(new SafetyHoldReleased(course, Guid.NewGuid(), holdId, app.Clock.GetUtcNow()), Guid.NewGuid());
        await Eventually.Async(async () =>
        {
            await using var query = app.Host.Store.QuerySession(ClinicScope.Development);
            var state = await query.LoadAsync<TreatmentCourse>(course);
            return state!.IsOnHold ? null : state;
        }, what: "the real release to lift the hold");
    }
}
