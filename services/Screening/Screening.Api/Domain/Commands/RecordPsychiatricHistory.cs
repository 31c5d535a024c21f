using Screening.Api.Domain.Facts;

namespace Screening.Api.Domain.Commands;

public sealed record RecordPsychiatricHistory(PsychiatricHistory History, Guid RecordedBy);
