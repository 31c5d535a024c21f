using Screening.Api.Domain.Facts;

namespace Screening.Api.Domain.Commands;

public sealed record RecordVitals(Vitals Vitals, Guid RecordedBy);
