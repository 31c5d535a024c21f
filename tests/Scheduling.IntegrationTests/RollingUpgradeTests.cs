using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Messaging;

namespace Scheduling.IntegrationTests;

/// <summary>
/// The approval's v2 published beside v1 during a rolling upgrade: old nodes (v1 only) and new nodes (both) compete
/// on the same queue while Screening publishes both copies of every approval under one MessageId. Each approval must
/// open its course exactly once, whichever node takes whichever copy, and none may be lost.
/// </summary>
public sealed class RollingUpgradeTests(SchedulingApp app) : IClassFixture<SchedulingApp>
{
    private static PatientApprovedForTreatmentV2 V2(PatientApprovedForTreatment v1) => PatientApprovedForTreatmentV2.From(v1);

    private async Task<IReadOnlyList<JasperFx.Events.IEvent>> CourseEventsAsync(Guid courseId)
    {
        await using var query = app.Host.Store.QuerySession(ClinicScope.Development);
        return await query.Events.FetchStreamAsync(courseId);
    }

    private async Task<ProcessedMessage?> MarkerAsync(string key)
    {
        await using var query = app.Host.Store.QuerySession(ClinicScope.Development);
        return await query.LoadAsync<ProcessedMessage>(key);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_v1_and_a_v2_copy_of_one_approval_open_one_course_in_either_order(bool v1First)
    {
        using var v1Consumed = app.Host.Consumed<PatientApprovedForTreatment>();
        using var v2Consumed = app.Host.Consumed<PatientApprovedForTreatmentV2>();
        var v1 = SchedulingApp.Approval(Guid.NewGuid(), app.Clock.GetUtcNow());
        var messageId = Guid.NewGuid();

        // One after the other, so the order is the one named.
        if (v1First)
        {
            await app.Bus.PublishAsync(v1, messageId);
            await v1Consumed.WaitForAsync(1);
            await app.Bus.PublishAsync(V2(v1), messageId);
            await v2Consumed.WaitForAsync(1);
        }
        else
        {
            await app.Bus.PublishAsync(V2(v1), messageId);
            await v2Consumed.WaitForAsync(1);
            await app.Bus.PublishAsync(v1, messageId);
            await v1Consumed.WaitForAsync(1);
        }

        Assert.Equal(0, v1Consumed.Faulted + v2Consumed.Faulted);
        Assert.IsType<CourseOpened>(Assert.Single(await CourseEventsAsync(v1.CourseId)).Data);
        // One marker for both copies, under the name the previous release used for v1.
        Assert.NotNull(await MarkerAsync($"PatientApprovedForTreatment:{messageId}"));
    }

    [Fact]
    public async Task An_approval_from_a_screening_that_publishes_v1_only_still_opens_the_course()
    {
        var v1 = SchedulingApp.Approval(Guid.NewGuid(), app.Clock.GetUtcNow());
        var messageId = Guid.NewGuid();

        await app.Bus.PublishAsync(v1, messageId);

        var course = await Eventually.Async(async () =>
        {
            await using var query = app.Host.Store.QuerySession(ClinicScope.Development);
            return await query.LoadAsync<TreatmentCourse>(v1.CourseId);
        }, what: "the course to open from the v1 approval");
        Assert.Equal(v1.ApprovalValidUntil, course.ApprovalValidUntil);
        Assert.NotNull(await MarkerAsync($"PatientApprovedForTreatment:{messageId}"));
    }

    [Fact]
    public async Task Old_and_new_nodes_on_one_queue_open_every_course_exactly_once_while_both_versions_are_published()
    {
        await using var oldNode = await StartPreviousReleaseNodeAsync();
        using var newV1 = app.Host.Consumed<PatientApprovedForTreatment>();
        using var newV2 = app.Host.Consumed<PatientApprovedForTreatmentV2>();
        var approvals = Enumerable.Range(0, 40)
            .Select(_ => (Message: SchedulingApp.Approval(Guid.NewGuid(), app.Clock.GetUtcNow()), Id: Guid.NewGuid()))
            .ToList();

        // What this release's Screening sends: both copies of every approval, one MessageId.
        await Task.WhenAll(approvals.SelectMany(a => new[] { app.Bus.PublishAsync(a.Message, a.Id), app.Bus.PublishAsync(V2(a.Message), a.Id) }));

        // Every copy settled: applied (or found applied) by a node, or, a v2 copy the old node cannot read, skipped.
        var skipped = await Eventually.Async(async () =>
        {
            var ids = await Broker.MessageIdsInAsync($"{app.Prefix}open-course-on-approval_skipped");
            return newV1.Finished + newV2.Finished + oldNode.Handled + ids.Count >= 2 * approvals.Count ? ids : null;
        }, TimeSpan.FromSeconds(60), "both copies of every approval to be taken by one node or the other");

        Assert.Equal(0, newV1.Faulted + newV2.Faulted);
        Assert.All(skipped, id => Assert.Contains(approvals, a => a.Id.ToString() == id));
        foreach (var (approval, id) in approvals)
        {
            Assert.IsType<CourseOpened>(Assert.Single(await CourseEventsAsync(approval.CourseId)).Data);
            Assert.NotNull(await MarkerAsync($"PatientApprovedForTreatment:{id}"));
        }

        Assert.True(oldNode.Handled > 0, "the old node took no approval: the test did not run two releases side by side");
    }

    [Fact]
    public async Task A_hold_before_a_v2_approval_still_opens_the_course_on_hold_and_refuses_dosing()
    {
        var courseId = Guid.NewGuid();
        var holdId = Guid.NewGuid();
        await app.Bus.PublishAsync(
            new SafetyHoldPlaced(courseId, Guid.NewGuid(), holdId, SafetyHoldTrigger.AdverseEvent, "severe dissociation", app.Clock.GetUtcNow()),
            Guid.NewGuid());
        await Eventually.Async(async () =>
        {
            await using var query = app.Host.Store.QuerySession(ClinicScope.Development);
            return await query.LoadAsync<EarlyMessage>($"{nameof(SafetyHoldPlaced)}:{holdId}");
        }, what: "the early hold to be kept");

        await app.Bus.PublishAsync(V2(SchedulingApp.Approval(courseId, app.Clock.GetUtcNow())), Guid.NewGuid());

        var course = await Eventually.Async(async () =>
        {
            await using var query = app.Host.Store.QuerySession(ClinicScope.Development);
            return await query.LoadAsync<TreatmentCourse>(courseId);
        }, what: "the course to open from the v2 approval");
        Assert.Equal(holdId, Assert.Single(course.ActiveHolds).HoldId);
        var therapist = await app.StaffAsync(StaffRole.Therapist);
        await app.MatchAsync(courseId, therapist);
        var refused = await app.BookAsync(courseId, SessionKind.Dosing, app.LocalAt(5, 9), TimeSpan.FromHours(2));
        Assert.Equal(RuleIds.SafetyHold, await SchedulingApp.RuleIdAsync(refused));
    }

    /// <summary>
    /// A node of the previous release: the same queue, declared the same way, bound to v1 only; a v2 copy delivered to
    /// it has no consumer and is moved to the queue's _skipped (without the foreign user_id, as every release does).
    /// Its v1 handling keeps the previous release's processed-marker key (the v1 name) and decision.
    /// </summary>
    private async Task<PreviousReleaseNode> StartPreviousReleaseNodeAsync()
    {
        var (_, rabbitMq) = await TestInfrastructure.ServersAsync();
        var services = app.Host.Services;
        var node = new PreviousReleaseNode();
        var bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(new Uri(TestInfrastructure.RabbitMqAs(rabbitMq, ContractOwners.Scheduling)));
            cfg.MessageTopology.SetEntityNameFormatter(new PrefixEntityNameFormatter(cfg.MessageTopology.EntityNameFormatter, app.Prefix));
            cfg.StampUserId(TestInfrastructure.BrokerUsersExist ? ContractOwners.Scheduling : TestInfrastructure.AdminBrokerUser(rabbitMq));
            cfg.ReceiveEndpoint($"{app.Prefix}open-course-on-approval", e =>
            {
                e.SetQuorumQueue();
                e.UseMessageRetry(r => r.Intervals(100, 500, 1000, 2000, 5000));
                e.ConfigureDeadLetter(d => d.UseFilter(new OwnIdentityDeadLetterFilter()));
                e.ConfigureError(x => x.UseFilter(new OwnIdentityErrorTransportFilter()));
                e.Handler<PatientApprovedForTreatment>(
                    async context =>
                    {
                        var consumer = new OpenCourseOnApproval(
                            services.GetRequiredService<ISessionFactory>(), services.GetRequiredService<ClinicClock>(), app.Protocol,
                            services.GetRequiredService<Platform.ServiceDefaults.Privacy.PatientKeys>());
                        await consumer.Consume(context);
                        node.Took();
                    },
                    h =>
                    {
                        h.UseFilter(new OwnerOnlyFilter<PatientApprovedForTreatment>(
                            services.GetRequiredService<PublisherTrust>(), NullLogger<OwnerOnlyFilter<PatientApprovedForTreatment>>.Instance));
                        h.UseFilter(new ClinicFilter<PatientApprovedForTreatment>());
                    });
            });
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await bus.StartAsync(timeout.Token);
        node.Bus = bus;
        return node;
    }

    private sealed class PreviousReleaseNode : IAsyncDisposable
    {
        private int handled;

        public IBusControl? Bus { get; set; }

        /// <summary>v1 approvals this node applied or found applied.</summary>
        public int Handled => Volatile.Read(ref handled);

        public void Took() => Interlocked.Increment(ref handled);

        public async ValueTask DisposeAsync()
        {
            if (Bus is not null)
            {
                await Bus.StopAsync();
            }
        }
    }
}
