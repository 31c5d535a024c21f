using Microsoft.AspNetCore.Mvc;

namespace Screening.Api.Queries;

/// <summary>A patient whose records at this clinic are past their retention and not erased: for the privacy officer to review.</summary>
public sealed record RetentionDue(Guid PatientId, IReadOnlyList<Guid> ScreeningIds, DateOnly RetentionUntil);

/// <summary>
/// Records past retention are listed, never deleted silently: the privacy officer decides, and erases with
/// <see cref="ErasePatient"/> (no legal basis needed once the retention has run out).
/// </summary>
public static class RetentionReview
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder privacy) =>
        privacy.MapGet("/retention-review", ListAsync)
            .AsQuery(ErasureEndpoints.Tag, "Patients whose records are past their retention (Clinic:RecordRetentionYears) and not erased, oldest first; paged", Roles.PrivacyOfficer);

    private static async Task<Results<Ok<Page<RetentionDue>>, ValidationProblem>> ListAsync(
        [FromQuery] int? limit, [FromQuery] string? cursor, IQuerySession session, PatientKeys keys, ClinicClock clock, ScreeningProtocol protocol,
        HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var page = PageRequest.From(limit, cursor, errors);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var now = clock.Now();
        var years = protocol.Clinic.RecordRetentionYears;
        // No treatment can be later than the last change or the approval's end, and an approval lasts months: a patient
        // with a screening changed since the cut-off is still within retention, whatever the rest of the rule says.
        var cutoff = now.Utc.AddYears(-years);
        var candidates = await session.Query<ScreeningCase>().Where(s => s.LastChangedAt < cutoff).Select(s => s.PatientId).Distinct().ToListAsync(cancellationToken);
        var screenings = candidates.Count == 0
            ? []
            : await session.Query<ScreeningCase>().Where(s => s.PatientId.IsOneOf(candidates.ToArray())).ToListAsync(cancellationToken);
        var erased = await keys.ErasedAsync(ClinicScope.Current, candidates, cancellationToken);
        var due = screenings
            .GroupBy(s => s.PatientId)
            .Where(p => !erased.Contains(p.Key))
            .Select(p => new RetentionDue(p.Key, [.. p.Select(s => s.Id).Order()], ErasePatient.RetentionUntil([.. p], now, years)))
            .Where(d => d.RetentionUntil < now.Today)
            .OrderBy(d => d.RetentionUntil)
            .ThenBy(d => d.PatientId)
            .ToList();
        var shown = due.Skip(page.Offset).Take(page.Fetch).ToList();
        AccessAudit.Saw(http, [.. shown.Select(d => d.PatientId), .. shown.SelectMany(d => d.ScreeningIds)]);
        return TypedResults.Ok(page.Of(shown));
    }
}
