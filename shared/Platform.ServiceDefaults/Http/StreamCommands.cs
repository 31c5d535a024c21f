using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Domain;
using Platform.ServiceDefaults.Marten;

namespace Platform.ServiceDefaults.Http;

/// <summary>What a successful command returns: the stream and its new version (also sent as the ETag).</summary>
public sealed record CommandAccepted(Guid Id, long Version);

/// <summary>
/// The one write path of every endpoint: load the stream (at the If-Match version when sent), run the pure
/// decide function, append its events and commit, or return the rule that refused it. Nothing is published here:
/// the outbox relay does that from the committed events.
/// </summary>
public static class StreamCommands
{
    public static async Task<Results<Ok<CommandAccepted>, ProblemHttpResult>> HandleAsync<TState>(
        IDocumentSession session,
        HttpContext http,
        Guid streamId,
        Func<TState?, Decision> decide,
        CancellationToken cancellationToken)
        where TState : class
    {
        var (decision, version) = await session.DecideAsync(streamId, ETags.ExpectedVersion(http.Request), decide, cancellationToken);
        if (decision.Rejection is { } rejection)
        {
            return Problems.RuleViolated(rejection);
        }

        await session.SaveChangesAsync(cancellationToken);
        ETags.Set(http.Response, version);
        return TypedResults.Ok(new CommandAccepted(streamId, version));
    }
}
