using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Screening.Api;
using Screening.Api.Screenings;
using static Platform.Testing.ScreeningApi;

namespace Screening.IntegrationTests;

/// <summary>
/// A command that loses the race for its stream to another writer (in production: a consumer applying a message to
/// the same record between the command's read and its append). Made certain here: armed, the hook commits one more
/// event on the stream from another session just before the command's own commit.
/// </summary>
public sealed class RacingWriter : IStreamCommitHook
{
    public IDocumentStore? Store { get; set; }

    public Guid? Armed { get; set; }

    public int Raced { get; private set; }

    public void BeforeCommit(IDocumentSession session, IReadOnlyList<object> events)
    {
        if (Armed is not { } screeningId)
        {
            return;
        }

        Armed = null;
        Raced++;
        using var other = Store!.LightweightSession(ClinicScope.Development);
        other.Events.Append(screeningId, new MedicationsRecorded(screeningId, [], Guid.NewGuid(), DateTimeOffset.UtcNow));
        other.SaveChangesAsync().GetAwaiter().GetResult(); // the hook is synchronous; the other writer must have committed
    }

    public Task<ProblemHttpResult?> OnCommitFailedAsync(Exception exception, IDocumentSession session, IReadOnlyList<object> events, CancellationToken cancellationToken) =>
        Task.FromResult<ProblemHttpResult?>(null);
}

public sealed class CommandRaceTests : IAsyncLifetime
{
    private readonly RacingWriter racer = new();
    private ServiceHost<ScreeningServiceMarker> host = null!;

    public async ValueTask InitializeAsync()
    {
        host = await ServiceHost.StartAsync<ScreeningServiceMarker>(
            ServiceHost.NewEntityPrefix(), configureServices: services => services.AddSingleton<IStreamCommitHook>(racer));
        racer.Store = host.Store;
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();

    private static readonly object Medications = new { medications = new[] { new { @class = "Antidepressant", name = "sertraline", dailyDoseMg = 50 } } };

    [Fact]
    public async Task Without_if_match_a_command_that_loses_the_race_is_decided_again_on_the_new_record()
    {
        using var intake = host.ClientFor(Roles.Intake, "intake-race");
        var referral = await ReferAsync(intake);
        racer.Armed = referral.Id;

        using var response = await SendAsync(intake, HttpMethod.Put, $"/screenings/{referral.Id}/medications", Medications);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, racer.Raced);
        await using var session = host.Store.QuerySession(ClinicScope.Development);
        var events = await session.Events.FetchStreamAsync(referral.Id, token: TestContext.Current.CancellationToken);
        Assert.Equal(2, events.Count(e => e.Data is MedicationsRecorded)); // the other writer's and the command's, once each
        Assert.Equal($"\"{events.Count}\"", response.Headers.ETag?.ToString()); // the version after both
    }

    [Fact]
    public async Task With_if_match_the_caller_asked_for_that_version_and_gets_a_412()
    {
        using var intake = host.ClientFor(Roles.Intake, "intake-race");
        var referral = await ReferAsync(intake);
        racer.Armed = referral.Id;

        using var response = await SendAsync(intake, HttpMethod.Put, $"/screenings/{referral.Id}/medications", Medications, $"\"{referral.Version}\"");

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        await using var session = host.Store.QuerySession(ClinicScope.Development);
        var events = await session.Events.FetchStreamAsync(referral.Id, token: TestContext.Current.CancellationToken);
        Assert.Single(events, e => e.Data is MedicationsRecorded); // only the other writer's
    }
}
