namespace Screening.Api.Queries;

public static class PatientHistoryEndpoints
{
    public static IEndpointRouteBuilder MapPatientHistory(this IEndpointRouteBuilder app)
    {
        app.MapGet("/patients/{patientId:guid}/screenings", GetHistory)
            .AsQuery("Patients", "A patient's screenings, oldest first: outcomes, approvals and re-screenings; paged with limit/cursor", Roles.Intake, Roles.Prescriber);
        return app;
    }

    private static async Task<Results<Ok<Page<ScreeningSummary>>, ValidationProblem, ProblemHttpResult>> GetHistory(
        Guid patientId, int? limit, string? cursor, IQuerySession session, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var page = PageRequest.From(limit, cursor, errors);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var screenings = await session.Query<ScreeningCase>()
            .Where(s => s.PatientId == patientId)
            .OrderBy(s => s.ReferredAt)
            .ThenBy(s => s.Id)
            .Skip(page.Offset)
            .Take(page.Fetch)
            .ToListAsync(ct);
        return screenings.Count == 0 && page.Offset == 0
            ? Problems.NotFound($"Patient {patientId}")
            : TypedResults.Ok(page.Of(screenings.Select(ScreeningSummary.From).ToList()));
    }
}
