using Platform.ServiceDefaults.Marten;

namespace Screening.Api.Queries;

public static class ReviewQueueEndpoints
{
    public static IEndpointRouteBuilder MapReviewQueue(this IEndpointRouteBuilder app)
    {
        app.MapGet("/review-queue", GetQueue)
            .AsQuery(
                "Review queue",
                "Screenings awaiting sign-off, and open ones flagged for immediate attention (high suicide risk), oldest first; "
                + "filter by ?outcome=NeedsReview, ?highSuicideRisk=true, ?referredFrom=/referredTo= (clinic days); paged with limit/cursor",
                Roles.Prescriber);
        return app;
    }

    private static async Task<Results<Ok<Page<ReviewQueueItem>>, ValidationProblem>> GetQueue(
        EligibilityOutcome? outcome,
        bool? highSuicideRisk,
        DateOnly? referredFrom,
        DateOnly? referredTo,
        int? limit,
        string? cursor,
        IQuerySession session,
        ClinicClock clock,
        CancellationToken ct)
    {
        var errors = new FieldErrors();
        var page = PageRequest.From(limit, cursor, errors);
        errors.Require(referredFrom is null || referredTo is null || referredFrom <= referredTo, "referredTo", "must not be before referredFrom");
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var query = session.Query<ReviewQueueItem>().Where(i => i.InQueue);
        if (outcome is { } wanted)
        {
            query = query.Where(i => i.Outcome == wanted);
        }

        if (highSuicideRisk is { } risk)
        {
            query = query.Where(i => i.HighSuicideRisk == risk);
        }

        // The clinic's days, not UTC days: a referral at 22:00 local belongs to that local day.
        if (referredFrom is { } from)
        {
            var start = ClinicCalendar.ToUtc(from, TimeOnly.MinValue, clock.Zone);
            query = query.Where(i => i.ReferredAt >= start);
        }

        if (referredTo is { } to)
        {
            var end = ClinicCalendar.ToUtc(to.AddDays(1), TimeOnly.MinValue, clock.Zone);
            query = query.Where(i => i.ReferredAt < end);
        }

        return TypedResults.Ok(await query.OrderBy(i => i.ReferredAt).ThenBy(i => i.Id).ToPageAsync(page, ct));
    }
}
