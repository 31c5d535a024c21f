namespace Integration.IntegrationTests.Reliability;

/// <summary>Readiness is 503 while a projection shard is more than 1,000 events behind the event store's sequence.</summary>
public sealed class DaemonLagTests
{
    [Fact]
    public async Task Readiness_reports_the_shards_behind_the_last_sequence_the_store_handed_out()
    {
        await using var service = await ServiceHost.StartAsync<IntegrationServiceMarker>(ServiceHost.NewEntityPrefix());
        // One event projected first, so that every shard has a recorded progress to lag from.
        await using (var session = service.Store.LightweightSession(ClinicScope.Development))
        {
            session.Events.StartStream(Guid.NewGuid(), new HoldPlaced(
                Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), SafetyHoldTrigger.AdverseEvent, "Serious adverse event", Guid.NewGuid(), DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }

        await Eventually.Async(
            async () => (await service.Store.Storage.Database.AllProjectionProgress()).Any(p => p.Sequence > 0) ? true : (bool?)null,
            TimeSpan.FromSeconds(60), "the daemon to record its progress");
        var current = await Readiness.CheckAsync(service, "projection-daemon", c => c.Status == "Healthy");
        Assert.Equal("projections and outbox relay are current", current.Description);

        // 5,000 sequence numbers handed out past every shard, as if that many events were appended and not yet
        // projected: the check reads the sequence itself, not a count of the event table.
        long last;
        await using (var connection = service.Store.Storage.Database.CreateConnection())
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            var sequence = $"{service.Store.Options.Events.DatabaseSchemaName}.mt_events_sequence";
            command.CommandText = $"select setval('{sequence}', (select last_value from {sequence}) + 5000)";
            last = (long)(await command.ExecuteScalarAsync())!;
        }

        var lagging = await Readiness.CheckAsync(service, "projection-daemon", c => c.Status == "Degraded");
        Assert.StartsWith("lagging: ", lagging.Description, StringComparison.Ordinal);
        Assert.Contains($" of {last}", lagging.Description, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, lagging.HttpStatus);
    }
}
