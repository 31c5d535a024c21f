using Screening.Api.Domain.Facts;

namespace Screening.Api.Domain.Events;

/// <summary>A complete medical history; a later one replaces it as a whole.</summary>
public sealed record MedicalHistoryRecorded(Guid ScreeningId, MedicalHistory History, Guid RecordedBy, DateTimeOffset RecordedAt);
