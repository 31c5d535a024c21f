using JasperFx.Events;
using Marten.Events.Projections;
using Microsoft.AspNetCore.Mvc;

namespace Screening.Api.Queries;

/// <summary>
/// One decision on a patient's amendment request, as the privacy officer reviews it: <see cref="Decision"/> is
/// <c>amended</c> (with the <see cref="Original"/> value the correction replaced) or <c>refused</c> (with the value asked for).
/// </summary>
public sealed record AmendmentLogEntry(
    Guid Id,
    Guid ScreeningId,
    Guid PatientId,
    string Field,
    string Decision,
    [property: Phi] string? Original,
    [property: Phi] string? Value,
    [property: Phi] string Reason,
    Guid DecidedBy,
    DateTimeOffset DecidedAt) : IPhiRecord
{
    public const string Amended = "amended";
    public const string Refused = "refused";

    Guid IPhiRecord.PhiSubject => ScreeningId;
}

/// <summary>One log entry per amendment event, inline: the privacy officer reads back the decision just recorded.</summary>
public sealed partial class AmendmentLogProjection : EventProjection
{
    public AmendmentLogProjection()
    {
        Name = "AmendmentLog";
        IncludeType<RecordAmended>();
        IncludeType<AmendmentRefused>();
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        AmendmentLogEntry? entry = e.Data switch {
            RecordAmended a => new(e.Id, a.ScreeningId, a.PatientId, a.Field, AmendmentLogEntry.Amended, a.Original, a.Corrected, a.Reason, a.AmendedBy, a.AmendedAt),
            AmendmentRefused r => new(e.Id, r.ScreeningId, r.PatientId, r.Field, AmendmentLogEntry.Refused, null, r.Requested, r.Reason, r.RefusedBy, r.RefusedAt),
            _ => null,
        };
        if (entry is not null)
        {
            operations.Store(entry);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>The privacy officer's amendment log (HIPAA 45 CFR 164.526): every correction with its original, every refusal.</summary>
public static class AmendmentLog
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder privacy) =>
        privacy.MapGet("/amendments", ListAsync)
            .AsQuery(ErasureEndpoints.Tag, "The clinic's amendments and refused amendment requests, newest first, with the values corrected; by patient; paged", Roles.PrivacyOfficer);

    private static async Task<Results<Ok<Page<AmendmentLogEntry>>, ValidationProblem>> ListAsync(
        [FromQuery] Guid? patientId, [FromQuery] int? limit, [FromQuery] string? cursor, IQuerySession session, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var page = PageRequest.From(limit, cursor, errors);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var query = session.Query<AmendmentLogEntry>().AsQueryable();
        if (patientId is { } patient)
        {
            query = query.Where(a => a.PatientId == patient);
        }

        var entries = await query.OrderByDescending(a => a.DecidedAt).ThenBy(a => a.Id).Skip(page.Offset).Take(page.Fetch).ToListAsync(cancellationToken);
        AccessAudit.Saw(http, [.. entries.Select(a => a.PatientId).Distinct(), .. entries.Select(a => a.ScreeningId).Distinct()]);
        return TypedResults.Ok(page.Of(entries));
    }
}
