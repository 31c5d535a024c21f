using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Commands;

/// <summary>What a successful command returns: the stream and its new version (also sent as the ETag).</summary>
public sealed record CommandAccepted(Guid Id, long Version);

/// <summary>
/// The one write path of every command endpoint in every service: refuse invalid input (400), load the stream (at the
/// If-Match version when sent), run the pure decide function, check a back-entered <see cref="OccurredAt"/> against the
/// record, append its events and commit, answer with the new version as the ETag, or answer the rule that refused it
/// with the status the service's <see cref="RuleStatuses"/> gives it. Nothing is published here: the outbox relay does
/// that from the committed events.
/// </summary>
public static class StreamCommands
{
    public static Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> HandleAsync<TState>(
        IDocumentSession session,
        HttpContext http,
        Guid streamId,
        Func<TState?, Decision> decide,
        CancellationToken cancellationToken,
        FieldErrors? inputErrors = null)
        where TState : class =>
        HandleAsync(session, http, streamId, decide, version => new CommandAccepted(streamId, version), cancellationToken, inputErrors);

    /// <param name="accepted">Shapes the success body from the stream's new version (e.g. to add the id of a new record).</param>
    /// <param name="inputErrorsOn">Input checks that need the stream's state (e.g. a dose range set by the course's route):
    /// run on the state loaded for writing, so the handler does not load it a second time.</param>
    public static async Task<Results<Ok<TAccepted>, ValidationProblem, ProblemHttpResult>> HandleAsync<TState, TAccepted>(
        IDocumentSession session,
        HttpContext http,
        Guid streamId,
        Func<TState?, Decision> decide,
        Func<long, TAccepted> accepted,
        CancellationToken cancellationToken,
        FieldErrors? inputErrors = null,
        Func<TState, FieldErrors>? inputErrorsOn = null)
        where TState : class =>
        (await AnswerAsync(session, http, streamId, decide, accepted, createdAt: null, cancellationToken, inputErrors, inputErrorsOn)).Result switch {
            Ok<TAccepted> ok => ok,
            ValidationProblem invalid => invalid,
            ProblemHttpResult problem => problem,
            _ => throw new InvalidOperationException("A command without createdAt answers 200."),
        };

    /// <summary>
    /// The write path itself. With <paramref name="createdAt"/> a success is 201 Created at that location (a command
    /// that opens a stream), otherwise 200. The answer is staged as the request's idempotency record
    /// (<see cref="IdempotencyKey.Stage"/>) so it commits with the events.
    /// </summary>
    public static async Task<Results<Created<TAccepted>, Ok<TAccepted>, ValidationProblem, ProblemHttpResult>> AnswerAsync<TState, TAccepted>(
        IDocumentSession session,
        HttpContext http,
        Guid streamId,
        Func<TState?, Decision> decide,
        Func<long, TAccepted> accepted,
        Func<TAccepted, string>? createdAt,
        CancellationToken cancellationToken,
        FieldErrors? inputErrors = null,
        Func<TState, FieldErrors>? inputErrorsOn = null)
        where TState : class
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(accepted);
        inputErrors = OccurredAt.Check(http.Request, http.RequestServices.GetRequiredService<ClinicClock>(), inputErrors ?? new FieldErrors());
        if (streamId == Guid.Empty)
        {
            inputErrors.Add("id", "must not be the empty id (00000000-0000-0000-0000-000000000000)");
        }

        if (inputErrors.Any)
        {
            return Problems.Invalid(inputErrors);
        }

        var expectedVersion = ETags.ExpectedVersion(http.Request);
        var hooks = http.RequestServices.GetServices<IStreamCommitHook>().ToList();
        for (var attempt = 1; ; attempt++)
        {
            FieldErrors? stateErrors = null;
            var (decision, version) = await session.DecideAsync<TState>(
                streamId,
                expectedVersion,
                state =>
                {
                    // Refused before the decision: a decision that appends nothing leaves the stream untouched.
                    stateErrors = state is null ? null : inputErrorsOn?.Invoke(state);
                    return stateErrors is { Any: true } ? Decision.Accept() : decide(state);
                },
                cancellationToken,
                OccurredAt.Requested(http.Request));
            if (stateErrors is { Any: true })
            {
                return Problems.Invalid(stateErrors);
            }

            if (decision.Rejection is { } rejection)
            {
                return Problems.Rejected(rejection, RuleStatuses.Of(http.RequestServices));
            }

            foreach (var hook in hooks)
            {
                hook.BeforeCommit(session, decision.Events);
            }

            var body = accepted(version);
            var location = createdAt?.Invoke(body);
            IdempotencyKey.Stage(http, session, location is null ? StatusCodes.Status200OK : StatusCodes.Status201Created, body, location, version);
            try
            {
                await session.SaveChangesAsync(cancellationToken);
            }
            catch (JasperFx.ConcurrencyException) when (expectedVersion is null && attempt < MaxAttemptsWithoutIfMatch)
            {
                // No If-Match: the caller asked for the command on the record as it is now. Another writer (a consumer
                // applying a message to the same course) committed between this read and this append; decide again on
                // the record as it is now instead of answering a 409 the caller could not have avoided.
                session.EjectAllPendingChanges();
                continue;
            }
            catch (Exception ex)
            {
                foreach (var hook in hooks)
                {
                    if (await hook.OnCommitFailedAsync(ex, session, decision.Events, cancellationToken) is { } problem)
                    {
                        return problem;
                    }
                }

                throw;
            }

            ETags.Set(http.Response, version);
            return location is null ? TypedResults.Ok(body) : TypedResults.Created(location, body);
        }
    }

    /// <summary>How often a command sent without If-Match is decided again after losing a race to another writer.</summary>
    private const int MaxAttemptsWithoutIfMatch = 3;
}

/// <summary>
/// Work a service must commit in the same transaction as a command's events (e.g. rows that let the database refuse a
/// double booking), and the translation of that work's refusals into a problem response.
/// </summary>
public interface IStreamCommitHook
{
    void BeforeCommit(IDocumentSession session, IReadOnlyList<object> events);

    /// <summary>A problem response when the failure is this hook's refusal; null to let the exception propagate.</summary>
    Task<ProblemHttpResult?> OnCommitFailedAsync(Exception exception, IDocumentSession session, IReadOnlyList<object> events, CancellationToken cancellationToken);
}
