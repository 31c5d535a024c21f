using Hl7.Fhir.Model;
using Platform.Fhir;
using Platform.ServiceDefaults.Audit;
using Task = System.Threading.Tasks.Task;

namespace Scheduling.Api.Fhir;

/// <summary>
/// FHIR Slot, search only: the free time of one staff member or room (its <see cref="ResourceSchedule"/> less the
/// sessions that hold it), from the same ingredients as the free-slot finder. A slot is computed on each search and
/// changes with every booking, so there is no read by id that could answer the same slot later; its id
/// (<c>{scheduleId}-{start in Unix seconds}</c>) only tells slots of one answer apart. The course rules (spacing,
/// weekly limit, preparation) are not applied: a course's bookable blocks are <c>GET /courses/{courseId}/free-slots</c>.
/// </summary>
public static class FhirSlots
{
    /// <summary>As the REST free-slot finder (<c>GET /courses/{courseId}/free-slots</c>): schedulers and clinic systems.</summary>
    public static readonly string[] Roles = [Platform.ServiceDefaults.Auth.Roles.Scheduler, Platform.ServiceDefaults.Auth.Roles.System];

    public static readonly string[] SearchParameters = ["schedule", "start"];

    public static IEndpointRouteBuilder MapFhirSlots(this IEndpointRouteBuilder fhir)
    {
        fhir.MapGet("/Slot", SearchAsync)
            .AsQuery(
                SchedulingFhir.Tag,
                "FHIR search of free time: schedule (required; Schedule/{id}), start (eq/ge/gt/le/lt; at most 62 days, never the past; default the next 62 days), _count",
                Roles);
        return fhir;
    }

    private static async Task<FhirResult> SearchAsync(
        IQuerySession session, HttpContext http, SchedulingProtocol protocol, ClinicClock clock, CancellationToken ct)
    {
        if (FhirSearch.Read(http.Request, SearchParameters, out var refused) is not { } search)
        {
            return refused!;
        }

        var errors = new FieldErrors();
        var scheduleId = search.Id("schedule", "Schedule", errors);
        var start = search.Date("start", errors);
        if (scheduleId is null && !errors.Any)
        {
            errors.Add("schedule", "is required: the free time of one staff member or room (Schedule/{id})");
        }

        // The finder's limits: never the past, at most 62 days; an open end is the finder's longest range.
        var now = clock.Now().Utc;
        var from = start?.From is { } f && f > now ? f : now;
        var to = start?.To ?? from + FreeSlotQuery.MaxRange;
        if (to - from > FreeSlotQuery.MaxRange)
        {
            errors.Add("start", $"must span at most {FreeSlotQuery.MaxRange.TotalDays:0} days from now or its start");
        }

        if (errors.Any)
        {
            return FhirResults.Invalid(errors);
        }

        var id = scheduleId!.Value;
        var range = new UtcInterval(from, to < from ? from : to);
        var busy = (await CalendarEndpoints.LiveBetweenAsync(session, range.Start, range.End, ct)).Where(s => s.Uses(id)).Select(s => new UtcInterval(s.Start, s.End));
        var free = Intervals.Clip(Intervals.Subtract(await ResourceFacts.AvailabilityAsync(session, id, range, protocol, ct), busy), range);
        var page = search.Page.Of([.. free.Skip(search.Page.Offset).Take(search.Page.Fetch)]);
        AccessAudit.Saw(http, [id]);
        var resources = page.Items.Select(interval => (Resource)ToSlot(id, interval)).ToList();
        return SearchBundle.Of(http.Request, resources, page.Next, free.Count);
    }

    internal static Slot ToSlot(Guid scheduleId, UtcInterval free) => new() {
        Id = $"{scheduleId}-{free.Start.ToUnixTimeSeconds()}",
        Schedule = new ResourceReference($"Schedule/{scheduleId}"),
        Status = Slot.SlotStatus.Free,
        Start = free.Start,
        End = free.End,
    };
}
