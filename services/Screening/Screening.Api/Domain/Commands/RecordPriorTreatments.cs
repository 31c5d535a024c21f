using Screening.Api.Domain.Facts;

namespace Screening.Api.Domain.Commands;

public sealed record RecordPriorTreatments(PriorTreatments Treatments, Guid RecordedBy);
