using Screening.Api.Domain.Facts;

namespace Screening.Api.Domain.Events;

/// <summary>Resting vitals at screening; the latest reading is the one the rules use.</summary>
public sealed record VitalsRecorded(Guid ScreeningId, Vitals Vitals, Guid RecordedBy, DateTimeOffset RecordedAt);
