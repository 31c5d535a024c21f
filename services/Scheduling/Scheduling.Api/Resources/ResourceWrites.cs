using System.Text.Json;
using System.Text.Json.Serialization;
using JasperFx;

namespace Scheduling.Api.Resources;

/// <summary>
/// One change to a staff member, a room or their availability: who (token subject), when (the clinic clock), and the
/// record before and after, as JSON. Staff and room documents are replaced on every change; this keeps their history
/// (who changed a credential, and when). Written in the same session as the change, so both commit or neither.
/// </summary>
public sealed record ResourceChange(Guid Id, Guid ResourceId, string What, string ChangedBy, DateTimeOffset ChangedAt, string? Before, string After);

/// <summary>What creating a staff member or room answers: its id (also in <c>Location</c>).</summary>
public sealed record Created(Guid Id);

/// <summary>
/// The write path of the clinic's set-up (staff, rooms, availability). These are documents, not streams: each command
/// validates, stores the new document and its <see cref="ResourceChange"/>, stages the idempotency record and commits,
/// with the time from <see cref="CommandContext.Now"/> like every other command.
/// </summary>
public static class ResourceWrites
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>
    /// Adds a new staff member or room (inserted: a key reused for another body never overwrites one) and answers 201
    /// with its first revision as the ETag.
    /// </summary>
    public static async Task<Created<Created>> CreateAsync<T>(CommandContext context, Clinician by, Guid id, string what, T created, string location)
        where T : ILongVersioned
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(created);
        created.Version = 1;
        context.Session.Insert(created);
        Record(context, by, id, what, null, created);
        var answer = new Created(id);
        IdempotencyKey.Stage(context.Http, context.Session, StatusCodes.Status201Created, answer, location, created.Version);
        await context.Session.SaveChangesAsync(context.Cancellation);
        ETags.Set(context.Http.Response, created.Version);
        return TypedResults.Created(location, answer);
    }

    /// <summary>
    /// Replaces <paramref name="before"/> (null: none yet, version 0) with <paramref name="after"/>, keeps the change
    /// and answers <paramref name="view"/> of it with its new revision as the ETag. With If-Match, a version other than
    /// the current one is a 412 and nothing is written: two schedulers editing the same record no longer overwrite
    /// each other. Without it the last writer wins, as for streams.
    /// </summary>
    public static async Task<Results<Ok<TView>, ValidationProblem, ProblemHttpResult>> ReplaceAsync<T, TView>(
        CommandContext context, Clinician by, Guid id, string what, T? before, T after, Func<T, TView> view)
        where T : class, ILongVersioned
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(view);
        var current = before?.Version ?? 0;
        if (ETags.ExpectedVersion(context.Http.Request) is { } expected && expected != current)
        {
            return Problems.Stale();
        }

        // The next revision, checked by Marten at commit: a change committed since `before` was read refuses this one
        // (ConcurrencyException: 412 with If-Match, 409 without) instead of being overwritten by it. Store alone would
        // not check (it takes the next revision whatever is stored); a first one is inserted, so a twin is refused too.
        after.Version = current + 1;
        if (before is null)
        {
            context.Session.Insert(after);
        }
        else
        {
            context.Session.UpdateRevision(after, after.Version);
        }
        Record(context, by, id, what, before, after);
        await context.Session.SaveChangesAsync(context.Cancellation);
        ETags.Set(context.Http.Response, after.Version);
        return TypedResults.Ok(view(after));
    }

    private static void Record(CommandContext context, Clinician by, Guid id, string what, object? before, object after)
    {
        ArgumentNullException.ThrowIfNull(by);
        context.Session.Insert(new ResourceChange(
            Guid.CreateVersion7(), id, what, by.Subject, context.Now.Utc,
            before is null ? null : JsonSerializer.Serialize(before, before.GetType(), Json), JsonSerializer.Serialize(after, after.GetType(), Json)));
    }

    /// <summary>The id of a new staff member or room: a repeated Idempotency-Key names the same one.</summary>
    public static Guid NewId(CommandContext context, string scope)
    {
        ArgumentNullException.ThrowIfNull(context);
        return IdempotencyKey.Read(context.Http.Request) is { } key ? IdempotencyKey.ToStreamId(scope, key) : Guid.NewGuid();
    }

    public static readonly string[] Writers = [Roles.Scheduler, Roles.System];
}
