using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Screening.Api.Screenings;

namespace Screening.Api.Patients;

public static class PatientHistoryEndpoints
{
    public static IEndpointRouteBuilder MapPatientHistory(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/patients").WithTags("Patients")
            .MapGet("/{patientId:guid}/screenings", GetHistory)
            .RequireAuthorization(p => p.RequireRole(Roles.Intake, Roles.Prescriber))
            .WithSummary("A patient's screenings, oldest first: outcomes, approvals and re-screenings")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<ScreeningSummary>>, ProblemHttpResult>> GetHistory(
        Guid patientId, IQuerySession session, CancellationToken ct)
    {
        var screenings = await session.Query<ScreeningCase>()
            .Where(s => s.PatientId == patientId)
            .OrderBy(s => s.ReferredAt)
            .ToListAsync(ct);
        return screenings.Count == 0
            ? Problems.NotFound($"Patient {patientId}")
            : TypedResults.Ok<IReadOnlyList<ScreeningSummary>>(screenings.Select(ScreeningSummary.From).ToList());
    }
}
