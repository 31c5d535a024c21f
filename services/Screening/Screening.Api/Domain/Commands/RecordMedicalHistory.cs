using Screening.Api.Domain.Facts;

namespace Screening.Api.Domain.Commands;

public sealed record RecordMedicalHistory(MedicalHistory History, Guid RecordedBy);
