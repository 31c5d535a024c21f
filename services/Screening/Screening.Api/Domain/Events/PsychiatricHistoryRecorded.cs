using Screening.Api.Domain.Facts;

namespace Screening.Api.Domain.Events;

/// <summary>A complete psychiatric history; a later one replaces it as a whole.</summary>
public sealed record PsychiatricHistoryRecorded(Guid ScreeningId, PsychiatricHistory History, Guid RecordedBy, DateTimeOffset RecordedAt);
