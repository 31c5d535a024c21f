namespace Scheduling.Api.Resources;

/// <summary>Looks up the staff and room facts a booking decision needs; unknown ids are reported per field.</summary>
public static class ResourceFacts
{
    public static async Task<(BookingResources? Resources, FieldErrors Errors)> LoadAsync(
        IQuerySession session,
        Guid therapistId,
        Guid? medicalProfessionalId,
        Guid? roomId,
        UtcInterval block,
        SchedulingProtocol protocol,
        CancellationToken ct)
    {
        var errors = new FieldErrors();
        var therapist = await StaffAsync(session, therapistId, block, protocol, ct);
        errors.Require(therapist is not null, "therapistId", "is not a known staff member");

        StaffFacts? medical = null;
        if (medicalProfessionalId is { } medicalId)
        {
            medical = await StaffAsync(session, medicalId, block, protocol, ct);
            errors.Require(medical is not null, "medicalProfessionalId", "is not a known staff member");
        }

        RoomFacts? room = null;
        if (roomId is { } id)
        {
            var found = await session.LoadAsync<Room>(id, ct);
            errors.Require(found is not null, "roomId", "is not a known room");
            if (found is not null)
            {
                room = new RoomFacts(found, await AvailabilityAsync(session, id, block, protocol, ct));
            }
        }

        return errors.Any || therapist is null ? (null, errors) : (new BookingResources(therapist, medical, room), errors);
    }

    public static async Task<IReadOnlyList<UtcInterval>> AvailabilityAsync(
        IQuerySession session, Guid resourceId, UtcInterval range, SchedulingProtocol protocol, CancellationToken ct)
    {
        var schedule = await session.LoadAsync<ResourceSchedule>(resourceId, ct);
        return schedule is null || range.IsEmpty ? [] : schedule.AvailableIn(range, protocol);
    }

    private static async Task<StaffFacts?> StaffAsync(
        IQuerySession session, Guid id, UtcInterval block, SchedulingProtocol protocol, CancellationToken ct)
    {
        var member = await session.LoadAsync<StaffMember>(id, ct);
        return member is null ? null : new StaffFacts(member, await AvailabilityAsync(session, id, block, protocol, ct));
    }
}
