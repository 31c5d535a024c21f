using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Platform.ServiceDefaults.Domain;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Marten;
using Scheduling.Api.Domain;

namespace Scheduling.Api.Booking;

/// <summary>A command was accepted: the course stream's new version (also the ETag) and the session it concerned.</summary>
public sealed record CourseCommandAccepted(Guid CourseId, long Version, Guid? SessionId);

/// <summary>
/// The write path of every course endpoint: <see cref="StreamCommands"/> plus the resource rows that must commit
/// in the same transaction as the events, and the database's refusal of a double booking turned into a 409.
/// </summary>
public static class CourseCommands
{
    public const string DoubleBookedRule = "SCH-DOUBLE-BOOKED";

    public static async Task<Results<Ok<CourseCommandAccepted>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        IDocumentSession session,
        HttpContext http,
        Guid courseId,
        Func<TreatmentCourse?, Decision> decide,
        CancellationToken cancellationToken,
        Guid? sessionId = null)
    {
        var (decision, version) = await session.DecideAsync(courseId, ETags.ExpectedVersion(http.Request), decide, cancellationToken);
        if (decision.Rejection is { } rejection)
        {
            return Problems.RuleViolated(rejection);
        }

        ResourceLedger.Queue(session, decision.Events);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (IsDoubleBooking(ex))
        {
            return await DoubleBookedAsync(session, decision.Events, cancellationToken);
        }

        ETags.Set(http.Response, version);
        return TypedResults.Ok(new CourseCommandAccepted(courseId, version, sessionId));
    }

    public static bool IsDoubleBooking(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: ResourceBookingsTable.ExclusionViolation })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Names the resources that are taken, read after the failed commit (the winner has committed by then).</summary>
    private static async Task<ProblemHttpResult> DoubleBookedAsync(IDocumentSession session, IReadOnlyList<object> events, CancellationToken ct)
    {
        var wanted = events.Select(e => e switch
        {
            SessionBooked b => (b.SessionId, Block: new UtcInterval(b.Start, b.End), Resources: Named(b.TherapistId, b.MedicalProfessionalId, b.RoomId)),
            SessionRescheduled r => (r.SessionId, Block: new UtcInterval(r.Start, r.End), Resources: Named(r.TherapistId, r.MedicalProfessionalId, r.RoomId)),
            _ => default,
        }).FirstOrDefault(w => w.Resources is not null);

        var taken = new List<string>();
        if (wanted.Resources is not null)
        {
            var table = ResourceBookingsTable.Qualified(SchedulingService.Definition.Schema);
            var ids = wanted.Resources.Select(r => r.Id).ToArray();
            var busy = await session.AdvancedSql.QueryAsync<Guid>(
                $"select distinct resource_id from {table} where resource_id = any(?) and session_id <> ? and during && tstzrange(?, ?, '[)')",
                ct,
                ids, wanted.SessionId, wanted.Block.Start, wanted.Block.End);
            taken.AddRange(wanted.Resources.Where(r => busy.Contains(r.Id)).Select(r => $"{r.Field} {r.Id}"));
        }

        var detail = taken.Count > 0
            ? $"Already booked for an overlapping block: {string.Join(", ", taken)}."
            : "A named resource is already booked for an overlapping block.";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "Rule violated: " + DoubleBookedRule,
            detail: detail,
            type: "https://kap.example/rules/" + DoubleBookedRule,
            extensions: new Dictionary<string, object?>
            {
                [Problems.RuleIdKey] = DoubleBookedRule,
                ["resources"] = taken,
            });
    }

    private static List<(string Field, Guid Id)> Named(Guid therapistId, Guid? medicalId, Guid? roomId)
    {
        var list = new List<(string, Guid)> { ("therapistId", therapistId) };
        if (medicalId is { } m)
        {
            list.Add(("medicalProfessionalId", m));
        }

        if (roomId is { } r)
        {
            list.Add(("roomId", r));
        }

        return list;
    }
}
