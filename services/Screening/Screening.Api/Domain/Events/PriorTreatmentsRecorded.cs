using Screening.Api.Domain.Facts;

namespace Screening.Api.Domain.Events;

/// <summary>All prior treatments (empty lists mean "none"); a later record replaces them.</summary>
public sealed record PriorTreatmentsRecorded(Guid ScreeningId, PriorTreatments Treatments, Guid RecordedBy, DateTimeOffset RecordedAt);
