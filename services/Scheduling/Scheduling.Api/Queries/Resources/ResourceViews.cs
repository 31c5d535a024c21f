namespace Scheduling.Api.Queries;

/// <summary>
/// A staff member as the clinic's systems read one; declared field by field, like every answer of a GET.
/// <paramref name="Version"/>: send it back as If-Match (<c>"3"</c>) to make a change conditional.
/// </summary>
public sealed record StaffView(Guid Id, string DisplayName, StaffRole Role, MedicalKind? MedicalKind, IReadOnlyList<Credential> Credentials, bool Active, long Version)
{
    public static StaffView From(StaffMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return new StaffView(member.Id, member.DisplayName, member.Role, member.MedicalKind, member.Credentials, member.Active, member.Version);
    }
}

/// <summary>A room; <paramref name="Version"/> as for <see cref="StaffView"/>.</summary>
public sealed record RoomView(Guid Id, string Name, bool Active, long Version)
{
    public static RoomView From(Room room)
    {
        ArgumentNullException.ThrowIfNull(room);
        return new RoomView(room.Id, room.Name, room.Active, room.Version);
    }
}

/// <summary>A staff member's or room's weekly availability (clinic-local) and time off; <paramref name="Version"/> as for <see cref="StaffView"/>.</summary>
public sealed record AvailabilityView(Guid Id, IReadOnlyList<WeeklyAvailability> Weekly, IReadOnlyList<AvailabilityException> TimeOff, long Version)
{
    public static AvailabilityView From(ResourceSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return new AvailabilityView(schedule.Id, schedule.Weekly, schedule.TimeOff, schedule.Version);
    }
}

/// <summary>One change to a staff member, a room or their availability: who, when, the record before and after (JSON).</summary>
public sealed record ChangeView(Guid Id, Guid ResourceId, string What, string ChangedBy, DateTimeOffset ChangedAt, string? Before, string After)
{
    public static ChangeView From(ResourceChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new ChangeView(change.Id, change.ResourceId, change.What, change.ChangedBy, change.ChangedAt, change.Before, change.After);
    }
}
