namespace Screening.Api.Queries;

/// <summary>Reads of one screening. They carry PHI, so analysts are not among the roles.</summary>
public static class ScreeningQueryEndpoints
{
    private static readonly string[] ClinicalRoles = [Roles.Intake, Roles.Prescriber];

    public static RouteGroupBuilder MapScreeningQueries(this RouteGroupBuilder screenings)
    {
        screenings.MapGet("/{screeningId:guid}", GetScreening)
            .AsQuery(ScreeningRules.Tag, "The screening with every recorded fact, its status and the full eligibility explanation", ClinicalRoles);

        // Minimum necessary: other clinic systems (the EHR, billing) follow a referral's progress; they need no history.
        screenings.MapGet("/{screeningId:guid}/status", GetStatus)
            .AsQuery(ScreeningRules.Tag, "Where a referral stands: status, the course id once approved, and when; identifiers only, no clinical facts", Roles.Intake, Roles.Prescriber, Roles.System);

        screenings.MapGet("/{screeningId:guid}/eligibility", GetEligibility)
            .AsQuery(ScreeningRules.Tag, "The current eligibility outcome with every reason, the facts it used and the protocol version", ClinicalRoles);

        screenings.MapGet("/{screeningId:guid}/as-of", GetAsOf)
            .AsQuery(
                ScreeningRules.Tag,
                "The screening as it stood at a past instant (?asOf=2026-11-20T10:00:00Z), e.g. what the prescriber saw when signing",
                ClinicalRoles);

        return screenings;
    }

    private static Task<Results<Ok<ScreeningDetail>, ProblemHttpResult>> GetScreening(
        Guid screeningId, IQuerySession session, HttpContext http, CancellationToken ct) =>
        ViewAsync(screeningId, session, http, s => ScreeningDetail.From(s, s.Version), ct);

    private static Task<Results<Ok<ScreeningStatusView>, ProblemHttpResult>> GetStatus(
        Guid screeningId, IQuerySession session, HttpContext http, CancellationToken ct) =>
        ViewAsync(screeningId, session, http, ScreeningStatusView.From, ct);

    /// <summary>A view of the current screening with its ETag: the detail for clinicians, the status for clinic systems.</summary>
    private static async Task<Results<Ok<TView>, ProblemHttpResult>> ViewAsync<TView>(
        Guid screeningId, IQuerySession session, HttpContext http, Func<ScreeningCase, TView> view, CancellationToken ct)
    {
        var screening = await session.LoadAsync<ScreeningCase>(screeningId, ct);
        if (screening is null)
        {
            return Problems.NotFound($"Screening {screeningId}");
        }

        ETags.Set(http.Response, screening.Version);
        return TypedResults.Ok(view(screening));
    }

    private static async Task<Results<Ok<EligibilityView>, ProblemHttpResult>> GetEligibility(
        Guid screeningId, IQuerySession session, CancellationToken ct)
    {
        var screening = await session.LoadAsync<ScreeningCase>(screeningId, ct);
        return screening?.LastEvaluation is { } evaluation
            ? TypedResults.Ok(EligibilityView.From(evaluation))
            : Problems.NotFound($"Screening {screeningId}");
    }

    /// <summary>Folds the events committed up to the instant with the domain's own evolve function.</summary>
    private static async Task<Results<Ok<ScreeningDetail>, ValidationProblem, ProblemHttpResult>> GetAsOf(
        Guid screeningId, DateTimeOffset? asOf, IQuerySession session, ClinicClock clock, CancellationToken ct)
    {
        if (asOf is not { } instant)
        {
            return Problems.Invalid("asOf", "is required, e.g. 2026-11-20T10:00:00Z");
        }

        if (instant > clock.Now().Utc)
        {
            return Problems.Invalid("asOf", "must not be in the future");
        }

        var events = await session.Events.FetchStreamAsync(screeningId, timestamp: instant, token: ct);
        var screening = events.Select(e => e.Data).Aggregate((ScreeningCase?)null, ScreeningCase.Evolve);
        return screening is null
            ? Problems.NotFound($"Screening {screeningId} at {instant:O}")
            : TypedResults.Ok(ScreeningDetail.From(screening, events[^1].Version));
    }
}
