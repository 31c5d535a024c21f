using Platform.Messaging;

namespace Integration.IntegrationTests.Reliability;

/// <summary>
/// Scheduling's completion and Screening's approval travel separately: a completion that overtakes the approval is
/// kept and recorded when the record opens, instead of being retried into the _error queue.
/// </summary>
public sealed class CompletionBeforeApprovalTests
{
    [Fact]
    public async Task A_completion_that_arrives_before_the_approval_is_applied_after_it()
    {
        var prefix = ServiceHost.NewEntityPrefix();
        await using var service = await ServiceHost.StartAsync<IntegrationServiceMarker>(prefix);
        await using var bus = await TestBus.StartAsync(prefix);
        var courseId = Guid.NewGuid();
        var approvedAt = DateTimeOffset.UtcNow.AddDays(-5);
        var start = approvedAt.AddDays(2);
        var completion = new DosingSessionCompleted(
            courseId, Guid.NewGuid(), 1, TreatmentRoute.IvKetamine, 35m, start, start.AddHours(2),
            new VitalsReading(120, 80, 70, start), new VitalsReading(130, 84, 72, start.AddMinutes(40)),
            new VitalsReading(122, 81, 71, start.AddHours(2)), 8, Guid.NewGuid(), Guid.NewGuid());

        await bus.PublishAsync(completion, Guid.NewGuid());
        await Eventually.Async(
            async () =>
            {
                await using var query = service.Store.QuerySession(ClinicScope.Development);
                return await query.LoadAsync<EarlyMessage>($"{nameof(DosingSessionCompleted)}:{completion.SessionId}");
            },
            what: "the completion to be kept until the course opens");

        await bus.PublishAsync(
            ContractBuilders.Approval(courseId, approvedAt),
            Guid.NewGuid());

        var course = await Eventually.Async(
            async () =>
            {
                await using var query = service.Store.QuerySession(ClinicScope.Development);
                var loaded = await query.LoadAsync<CourseOutcome>(courseId);
                return loaded?.DosingSessions.Any(d => d.SessionId == completion.SessionId) == true ? loaded : null;
            },
            what: "the kept completion to be recorded once the record opened");
        Assert.Single(course.DosingSessions);

        await using var session = service.Store.QuerySession(ClinicScope.Development);
        Assert.Null(await session.LoadAsync<EarlyMessage>($"{nameof(DosingSessionCompleted)}:{completion.SessionId}"));
        Assert.Empty(await Broker.MessageIdsInAsync(prefix + "record-dosing-session-on-completion_error"));
    }
}
