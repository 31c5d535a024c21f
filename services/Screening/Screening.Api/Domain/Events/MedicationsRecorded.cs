using Screening.Api.Domain.Facts;

namespace Screening.Api.Domain.Events;

/// <summary>The full current medication list (empty means "none"); a later list replaces it.</summary>
public sealed record MedicationsRecorded(Guid ScreeningId, IReadOnlyList<Medication> Medications, Guid RecordedBy, DateTimeOffset RecordedAt);
