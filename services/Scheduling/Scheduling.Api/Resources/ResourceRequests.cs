namespace Scheduling.Api.Resources;

/// <param name="StaffId">
/// On creation only: the person's id at another clinic of the chain, to register them here too. Their bookings at
/// every clinic are held under that one id, so they are never double-booked across clinics.
/// </param>
public sealed record StaffRequest(
    string DisplayName,
    StaffRole Role,
    MedicalKind? MedicalKind,
    IReadOnlyList<Credential>? Credentials,
    bool Active = true,
    Guid? StaffId = null);

public sealed record RoomRequest(string Name, bool Active = true);

/// <summary>Weekly rules in clinic-local wall-clock time; time off as instants (send them with an offset).</summary>
public sealed record ScheduleRequest(IReadOnlyList<WeeklyAvailability>? Weekly, IReadOnlyList<AvailabilityException>? TimeOff);

public sealed record Created(Guid Id);
