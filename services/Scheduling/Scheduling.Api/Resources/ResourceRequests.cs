
namespace Scheduling.Api.Resources;

public sealed record StaffRequest(
    string DisplayName,
    StaffRole Role,
    MedicalKind? MedicalKind,
    IReadOnlyList<Credential>? Credentials,
    bool Active = true);

public sealed record RoomRequest(string Name, bool Active = true);

/// <summary>Weekly rules in clinic-local wall-clock time; time off as instants (send them with an offset).</summary>
public sealed record ScheduleRequest(IReadOnlyList<WeeklyAvailability>? Weekly, IReadOnlyList<AvailabilityException>? TimeOff);

public sealed record Created(Guid Id);
