using System.Net.Sockets;
using MassTransit;
using Npgsql;

namespace Integration.IntegrationTests.Reliability;

/// <summary>
/// A consumer whose database is unreachable keeps the message and retries for minutes instead of dead-lettering it
/// after the short retries meant for messages that can never succeed (about 9 s).
/// </summary>
public sealed class OutageRetryTests
{
    [Fact]
    public async Task A_message_consumed_while_the_database_is_unreachable_is_applied_when_it_is_back_not_dead_lettered()
    {
        var prefix = ServiceHost.NewEntityPrefix();
        var outage = new ConsumerOutage { Failure = () => new NpgsqlException("the database is restarting", new SocketException((int)SocketError.ConnectionRefused)) };
        await using var service = await ServiceHost.StartAsync<IntegrationServiceMarker>(
            prefix, configureServices: s => s.AddSingleton<IConfigureReceiveEndpoint>(outage));
        await using var bus = await TestBus.StartAsync(prefix);
        var approval = ContractBuilders.Approval();

        await bus.PublishAsync(approval, Guid.NewGuid());
        // Still retried later than the whole short retry schedule (100 ms + 0.5 + 1 + 2 + 5 s) would have allowed
        // after the first failure: the message was kept, not dead-lettered.
        var shortSchedule = TimeSpan.FromMilliseconds(100 + 500 + 1000 + 2000 + 5000);
        await Eventually.Async(
            () => Task.FromResult(outage.FailedAt is [var first, .., var last] && last - first > shortSchedule ? (object)true : null),
            TimeSpan.FromSeconds(60),
            "a failed attempt later than the short retry schedule");
        Assert.Empty(await Broker.MessageIdsInAsync(prefix + "open-outcome-record-on-approval_error"));

        outage.Failure = null;
        await Eventually.Async(
            async () =>
            {
                await using var query = service.Store.QuerySession(ClinicScope.Development);
                return await query.LoadAsync<CourseOutcome>(approval.CourseId);
            },
            TimeSpan.FromSeconds(90),
            "the approval to be applied once the database is back");
        Assert.Empty(await Broker.MessageIdsInAsync(prefix + "open-outcome-record-on-approval_error"));
    }
}
