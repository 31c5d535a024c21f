using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.ServiceDefaults.Marten;

namespace Scheduling.Api.Resources;

/// <summary>
/// One change to a staff member, a room or their availability: who (token subject), when, and the record before and
/// after, as JSON. Staff and room documents are replaced on every change; this keeps their history (who changed a
/// credential, and when). Written in the same session as the change, so both commit or neither.
/// </summary>
public sealed record ResourceChange(Guid Id, Guid ResourceId, string What, string ChangedBy, DateTimeOffset ChangedAt, string? Before, string After)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static void Record(IDocumentSession session, Guid resourceId, string what, Clinician by, TimeProvider time, object? before, object after) =>
        session.Insert(new ResourceChange(
            Guid.CreateVersion7(), resourceId, what, by.Subject, time.GetUtcNow(),
            before is null ? null : JsonSerializer.Serialize(before, before.GetType(), Json), JsonSerializer.Serialize(after, after.GetType(), Json)));

    public static readonly string[] HistoryReaders = [Roles.Scheduler, Roles.PrivacyOfficer];

    public const string HistorySummary = "Every change to the record and its availability: who, when, before and after; newest first, paged";

    public static async Task<Results<Ok<Page<ResourceChange>>, ValidationProblem>> HistoryAsync(
        Guid id, IQuerySession session, int? limit, string? cursor, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var page = PageRequest.From(limit, cursor, errors);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        return TypedResults.Ok(await session.Query<ResourceChange>().Where(c => c.ResourceId == id)
            .OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id).ToPageAsync(page, ct));
    }
}
