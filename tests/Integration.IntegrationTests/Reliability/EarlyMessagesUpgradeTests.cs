using Platform.Messaging;

namespace Integration.IntegrationTests.Reliability;

/// <summary>
/// A dosing session the release before <see cref="EarlyMessages"/> kept (document EarlyDosingSession) is converted at
/// start-up and recorded when the record opens: nothing kept before the upgrade is lost.
/// </summary>
public sealed class EarlyMessagesUpgradeTests
{
    [Fact]
    public async Task A_session_kept_by_the_earlier_release_is_recorded_when_the_record_opens()
    {
        var ct = TestContext.Current.CancellationToken;
        var courseId = Guid.NewGuid();
        var approvedAt = DateTimeOffset.UtcNow.AddDays(-5);
        var start = approvedAt.AddDays(2);
        var completion = new DosingSessionCompleted(
            courseId, Guid.NewGuid(), 1, TreatmentRoute.IvKetamine, 35m, start, start.AddHours(2),
            new VitalsReading(120, 80, 70, start), new VitalsReading(130, 84, 72, start.AddMinutes(40)),
            new VitalsReading(122, 81, 71, start.AddHours(2)), 8, Guid.NewGuid(), Guid.NewGuid());
        var prefix = ServiceHost.NewEntityPrefix();
        await using var bus = await TestBus.StartAsync(prefix);
        await using var service = await ServiceHost.StartAsync<IntegrationServiceMarker>(
            prefix, prepareDatabase: database => KeepAsync(database, completion));

        await using (var query = service.Store.QuerySession(ClinicScope.Development))
        {
            Assert.Equal(completion, Assert.Single(await EarlyMessages.ForAsync(query, courseId, ct)).Read());
        }

        await bus.PublishAsync(ContractBuilders.Approval(courseId, approvedAt), Guid.NewGuid());
        var course = await Eventually.Async(async () =>
        {
            await using var query = service.Store.QuerySession(ClinicScope.Development);
            var loaded = await query.LoadAsync<CourseOutcome>(courseId);
            return loaded?.DosingSessions.Any(d => d.SessionId == completion.SessionId) == true ? loaded : null;
        }, what: "the converted completion to be recorded once the record opened");

        Assert.Single(course.DosingSessions);
        await using var session = service.Store.QuerySession(ClinicScope.Development);
        Assert.Empty(await EarlyMessages.ForAsync(session, courseId, ct));
    }

    // The table Marten kept the earlier release's EarlyDosingSession in, with one kept session.
    private static Task KeepAsync(string database, DosingSessionCompleted completion) =>
        EarlierRelease.DocumentAsync(database, "integration", "mt_doc_early_dosing_session", completion.SessionId, new {
            Id = completion.SessionId,
            completion.CourseId,
            Message = completion,
            KeptAt = completion.DischargedAt,
        });
}
