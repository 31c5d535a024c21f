using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Commands;

/// <summary>
/// What every command endpoint needs besides its own input, bound with <c>[AsParameters]</c> so a handler names only
/// what is its own (route ids, body, caller, protocol). <see cref="Now"/> is read once per request, so validation and
/// the decision see the same instant: the clock's, or the request's back-entered <see cref="OccurredAt"/>.
/// </summary>
public sealed record CommandContext(HttpContext Http, IDocumentSession Session, ClinicClock Clock, CancellationToken Cancellation)
{
    public ClinicTime Now { get; } = OccurredAt.Now(Http.Request, Clock);

    /// <summary>The one write path (<see cref="StreamCommands"/>) for this request.</summary>
    public Task<Results<Ok<TAccepted>, ValidationProblem, ProblemHttpResult>> RunAsync<TState, TAccepted>(
        Guid streamId, Func<TState?, Decision> decide, Func<long, TAccepted> accepted, FieldErrors? inputErrors = null,
        Func<TState, FieldErrors>? inputErrorsOn = null)
        where TState : class =>
        StreamCommands.HandleAsync(Session, Http, streamId, decide, accepted, Cancellation, inputErrors, inputErrorsOn);

    public Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> RunAsync<TState>(
        Guid streamId, Func<TState?, Decision> decide, FieldErrors? inputErrors = null)
        where TState : class =>
        StreamCommands.HandleAsync(Session, Http, streamId, decide, Cancellation, inputErrors);
}
