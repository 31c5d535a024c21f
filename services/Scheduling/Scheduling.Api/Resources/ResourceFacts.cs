using Marten.Services.BatchQuerying;

namespace Scheduling.Api.Resources;

/// <summary>Looks up the staff and room facts a booking decision needs; unknown ids are reported per field.</summary>
public static class ResourceFacts
{
    /// <remarks>
    /// One round trip: the staff members, the room and their schedules are read in one Marten batch (six sequential
    /// loads before; the booking's profile in bench/README.md).
    /// </remarks>
    public static async Task<(BookingResources? Resources, FieldErrors Errors)> LoadAsync(
        IQuerySession session,
        Guid therapistId,
        Guid? medicalProfessionalId,
        Guid? roomId,
        UtcInterval block,
        SchedulingProtocol protocol,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var batch = session.CreateBatchQuery();
        var therapist = Staff(batch, therapistId);
        (Task<StaffMember?> Member, Task<ResourceSchedule?> Schedule)? medical = medicalProfessionalId is { } medicalId ? Staff(batch, medicalId) : null;
        var room = roomId is { } id ? (Room: batch.Load<Room>(id), Schedule: batch.Load<ResourceSchedule>(id)) : default;
        await batch.Execute(ct);

        var errors = new FieldErrors();
        var therapistFacts = await StaffFactsAsync(therapist, block, protocol);
        errors.Require(therapistFacts is not null, "therapistId", "is not a known staff member");

        StaffFacts? medicalFacts = null;
        if (medical is { } loaded)
        {
            medicalFacts = await StaffFactsAsync(loaded, block, protocol);
            errors.Require(medicalFacts is not null, "medicalProfessionalId", "is not a known staff member");
        }

        RoomFacts? roomFacts = null;
        if (room.Room is not null)
        {
            var found = await room.Room;
            errors.Require(found is not null, "roomId", "is not a known room");
            if (found is not null)
            {
                roomFacts = new RoomFacts(found, Available(await room.Schedule, block, protocol));
            }
        }

        return errors.Any || therapistFacts is null ? (null, errors) : (new BookingResources(therapistFacts, medicalFacts, roomFacts), errors);
    }

    public static async Task<IReadOnlyList<UtcInterval>> AvailabilityAsync(
        IQuerySession session, Guid resourceId, UtcInterval range, SchedulingProtocol protocol, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        return Available(await session.LoadAsync<ResourceSchedule>(resourceId, ct), range, protocol);
    }

    private static IReadOnlyList<UtcInterval> Available(ResourceSchedule? schedule, UtcInterval range, SchedulingProtocol protocol) =>
        schedule is null || range.IsEmpty ? [] : schedule.AvailableIn(range, protocol);

    private static (Task<StaffMember?> Member, Task<ResourceSchedule?> Schedule) Staff(IBatchedQuery batch, Guid id) =>
        (batch.Load<StaffMember>(id), batch.Load<ResourceSchedule>(id));

    private static async Task<StaffFacts?> StaffFactsAsync(
        (Task<StaffMember?> Member, Task<ResourceSchedule?> Schedule) loaded, UtcInterval block, SchedulingProtocol protocol) =>
        await loaded.Member is { } member ? new StaffFacts(member, Available(await loaded.Schedule, block, protocol)) : null;
}
