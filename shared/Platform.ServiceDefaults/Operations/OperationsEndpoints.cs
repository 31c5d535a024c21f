using Marten.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Platform.Messaging;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Marten;
using SessionOptions = Marten.Services.SessionOptions;

namespace Platform.ServiceDefaults.Operations;

/// <summary>
/// What an operator needs when readiness says Degraded: the parked events and the faulted messages of this service,
/// and a replay for each. Ids, types and errors only: bodies may carry clinical data.
/// </summary>
public static class OperationsEndpoints
{
    public const string EventNotPublishable = "operations.event-not-publishable";
    public const string BrokerUnavailable = "operations.broker-unavailable";
    private const string Tag = "Operations";
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);

    public static IEndpointRouteBuilder MapPlatformOperations(this IEndpointRouteBuilder app)
    {
        var operations = app.MapGroup("/operations");
        operations.MapGet("/parked-events", ListParkedAsync)
            .AsQuery(Tag, "Committed events the outbox relay could not map or serialise, oldest first", Roles.Operator)
            .AcrossClinics();
        operations.MapPost("/parked-events/{eventId:guid}/replay", ReplayParkedAsync)
            .AsCommand(Tag, "Maps and publishes a parked event again; it leaves the list once the broker took it", Roles.Operator)
            .AcrossClinics()
            .WithoutBackEntry()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        operations.MapGet("/error-queues", ListFaultedAsync)
            .AsQuery(Tag, "Messages in this service's _error queues: type, id, fault reason and time, never the body", Roles.Operator)
            .WithDescription(
                "With ?endpoint= only that endpoint's error queue is listed, and the answer's ETag names the messages listed "
                + "(a hash of their ids): send it as If-Match to POST /operations/error-queues/{endpoint}/replay.")
            .AcrossClinics();
        operations.MapPost("/error-queues/{endpoint}/replay", ReplayFaultedAsync)
            .AsCommand(Tag, "Moves the endpoint's faulted messages (or the one messageId) back to its queue to be consumed again", Roles.Operator)
            .WithDescription(
                "If-Match (the ETag of GET /operations/error-queues?endpoint={endpoint}) makes the replay conditional: unless the "
                + "error queue still holds exactly the messages listed (none gone, none new), nothing moves and the answer is "
                + "412, so a replay never moves a message the operator has not looked at. A queue of more than 200 messages is "
                + "listed in part, so its ETag never matches; replay such a queue by messageId. Without If-Match every message "
                + "waiting (or every one with messageId) moves.")
            .AcrossClinics()
            .WithoutBackEntry();
        return app;
    }

    private static async Task<Results<Ok<Page<ParkedEvent>>, ValidationProblem>> ListParkedAsync(
        [FromQuery] int? limit, [FromQuery] string? cursor, IDocumentStore store, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var page = PageRequest.From(limit, cursor, errors);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        // The relay parks in the database it relays (ClinicDatabases): the list is every database's, oldest first.
        var parked = await ClinicDatabases.ReadAcrossAsync(
            store,
            async (database, skip, take) =>
            {
                await using var session = store.QuerySession(SessionOptions.ForDatabase(database));
                return [.. await session.Query<ParkedEvent>().OrderBy(p => p.ParkedAt).ThenBy(p => p.Sequence).Skip(skip).Take(take).ToListAsync(cancellationToken)];
            },
            OldestFirst,
            page.Offset,
            page.Fetch);
        return TypedResults.Ok(page.Of(parked));
    }

    private static readonly Comparer<ParkedEvent> OldestFirst = Comparer<ParkedEvent>.Create((a, b) =>
        a.ParkedAt.CompareTo(b.ParkedAt) is var at and not 0 ? at : a.Sequence.CompareTo(b.Sequence));

    /// <summary>The parked event and the database it was parked in, wherever the relay parked it.</summary>
    private static async Task<(ParkedEvent Parked, IMartenDatabase Database)?> FindParkedAsync(IDocumentStore store, Guid eventId, CancellationToken cancellationToken)
    {
        foreach (var database in await store.Storage.AllDatabases())
        {
            await using var session = store.QuerySession(SessionOptions.ForDatabase(database));
            if (await session.LoadAsync<ParkedEvent>(eventId, cancellationToken) is { } parked)
            {
                return (parked, database);
            }
        }

        return null;
    }

    private static async Task<Results<Ok<ReplayedEvent>, ProblemHttpResult>> ReplayParkedAsync(
        Guid eventId, IDocumentStore store, IIntegrationEventMap map, IBus bus, CancellationToken cancellationToken)
    {
        if (await FindParkedAsync(store, eventId, cancellationToken) is not var (parked, database))
        {
            return Problems.NotFound($"Parked event {eventId}");
        }

        // Parked events are the chain's; the event itself lives in its clinic.
        await using var clinic = store.QuerySession(parked.Clinic);
        if (await clinic.Events.LoadAsync(eventId, cancellationToken) is not { } @event)
        {
            return Problems.NotFound($"Parked event {eventId}");
        }

        IReadOnlyList<object> messages;
        try
        {
            messages = map.ToContracts(@event);
        }
        catch (Exception ex)
        {
            return StillNotPublishable(parked, ex);
        }

        foreach (var message in messages)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(PublishTimeout);
                // The event id stays the message id of every version, so a consumer that somehow saw it already applies it once.
                await bus.Publish(message, message.GetType(), context => OutboxRelay.Address(context, @event), timeout.Token);
            }
            catch (Exception ex) when (PublishFailures.IsPermanent(ex))
            {
                return StillNotPublishable(parked, ex);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                return Problems.Rejected(
                    new Rejection(BrokerUnavailable, $"The broker did not take the message ({ex.GetType().Name}); it stays parked."),
                    StatusCodes.Status503ServiceUnavailable);
            }
        }

        await using var session = store.LightweightSession(SessionOptions.ForDatabase(database));
        session.Delete(parked);
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new ReplayedEvent(eventId, parked.EventType, messages.Count > 0));
    }

    private static ProblemHttpResult StillNotPublishable(ParkedEvent parked, Exception error) =>
        Problems.Rejected(
            new Rejection(EventNotPublishable, $"{parked.EventType} still cannot be published: {error.GetType().Name}: {error.Message}"),
            StatusCodes.Status409Conflict);

    private static async Task<Results<Ok<IReadOnlyList<FaultedMessage>>, ProblemHttpResult>> ListFaultedAsync(
        [FromQuery] string? endpoint, ErrorQueues errorQueues, HttpContext http, CancellationToken cancellationToken)
    {
        if (endpoint is not null && !errorQueues.IsOwn(endpoint))
        {
            return Problems.NotFound($"Receive endpoint {endpoint}");
        }

        var listed = await errorQueues.ListAsync(endpoint, cancellationToken);
        if (endpoint is not null)
        {
            // Only for one queue: a replay is of one endpoint, so a tag over several could never match one.
            http.Response.Headers.ETag = ErrorQueues.ETagOf(listed.Select(m => m.MessageId));
        }

        return TypedResults.Ok(listed);
    }

    private static async Task<Results<Ok<ReplayedMessages>, ProblemHttpResult>> ReplayFaultedAsync(
        string endpoint, [FromQuery] Guid? messageId, ErrorQueues errorQueues, HttpContext http, CancellationToken cancellationToken)
    {
        if (!errorQueues.IsOwn(endpoint))
        {
            return Problems.NotFound($"Receive endpoint {endpoint}");
        }

        var expected = ETags.ExpectedTag(http.Request);
        return await errorQueues.ReplayAsync(endpoint, messageId?.ToString(), expected, cancellationToken) is { } moved
            ? TypedResults.Ok(new ReplayedMessages(endpoint, moved))
            : Problems.Stale(
                $"The error queue of {endpoint} no longer holds exactly the messages listed under this ETag, so nothing was "
                + $"moved. List it again (GET /operations/error-queues?endpoint={endpoint}), check what faulted and replay with the new ETag.");
    }
}

/// <summary>A parked event replayed: published, or (when the map now keeps it private) only removed from the list.</summary>
public sealed record ReplayedEvent(Guid EventId, string EventType, bool Published);

/// <summary>How many faulted messages went back to the endpoint's queue.</summary>
public sealed record ReplayedMessages(string Endpoint, int Replayed);
